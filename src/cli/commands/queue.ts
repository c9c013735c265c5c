/**
 * `ckafka queue add | apply`: the durable queue of merged, reviewed plans that a scheduled GitOps
 * job walks (the rules are `apply/plan-queue.ts`'s). The queue is a folder, kept on a git branch
 * by the GitHub Actions example:
 *
 *   <dir>/pending/<key>.json          a reviewed plan, byte for byte as planned
 *   <dir>/pending/<key>.status.json   what the runs so far did with each of its instances
 *   <dir>/applied/…, <dir>/superseded/…  the same, once every instance is settled
 *
 * `<key>` is `<merged-at>-<id>` (`20260307T011000Z-pr42`), so the names sort in merge order.
 * Each file is written whole and renamed into place; adding a plan only creates files, so two
 * jobs adding plans at once never edit the same file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlan } from '../../apply/apply-plan';
import type { EndpointChange, InstanceResult } from '../../apply/apply-types';
import { loadPlan } from '../../apply/load-plan';
import {
  decideQueue,
  QUEUE_SUCCESS_OUTCOMES,
  recordRun,
  stateAfter,
  submissionsOf,
  type QueuedInstanceRecord,
  type QueueEntry,
  type QueueOutcome,
  type QueueState,
} from '../../apply/plan-queue';
import { parseInstant } from '../../spec/time';
import type { Issue } from '../../spec/issues';
import { boolFlag, choiceFlag, CLOUD_FLAGS, intFlag, listFlag, parseCommandArgs, parseDuration, stringFlag } from '../args';
import { CliError, usageError } from '../cli-error';
import type { Command } from '../command';
import { withInterrupts } from '../interrupts';
import { colorFor, formatIssues, write, type Io } from '../output';
import { createProgressReporter } from '../progress';
import { selectCloud } from '../select-cloud';
import { readTrustedFleet } from '../trusted-fleet';
import { escapeTerminalLine as line } from '../../render/escape-terminal';
import { describeEndpointChange, OUTCOME_MARKS } from '../render-apply-result';

const STATES: readonly QueueState[] = ['pending', 'applied', 'superseded'];
// No dots in an id: `<key>.status.json` must never read as a plan file.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const PLAN_FILE = /^(\d{8}T\d{6}Z)-([A-Za-z0-9_-]{1,64})\.json$/;

interface Stored extends QueueEntry {
  readonly id: string;
}

interface StatusFile {
  readonly key: string;
  readonly records: Record<string, QueuedInstanceRecord>;
}

/** `2026-03-07T01:10:00Z` → `20260307T011000Z`: sorts as the instants do, and is a safe file name. */
function keyOf(mergedAt: Date, id: string): string {
  return `${mergedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z-${id}`;
}

function inputError(message: string, file: string, hint: string): CliError {
  return new CliError('input', message, [{ code: 'cli/file-not-found', severity: 'error', path: '', message, hint, file }]);
}

/** Writes a file whole: a temporary file renamed into place, so a reader never sees half of it. */
function writeWhole(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

function readStatus(file: string): Record<string, QueuedInstanceRecord> {
  if (!fs.existsSync(file)) return {};
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as StatusFile).records ?? {};
  } catch (e) {
    throw inputError(`cannot read ${file}: ${(e as Error).message}`, file, 'restore it from the queue branch history, or delete it to start the plan over (apply observes the cloud, so nothing is submitted twice)');
  }
}

interface QueueFile {
  readonly key: string;
  readonly id: string;
  readonly state: QueueState;
  readonly file: string;
}

/**
 * The plan files of the queue, by key in merge order, without reading them. A plan found both
 * pending and settled (two jobs saved the queue at once) is settled; `stale` lists the pending
 * copies of such plans.
 */
function listQueue(dir: string): { files: QueueFile[]; stale: Array<{ file: QueueFile; settled: QueueState }> } {
  const byKey = new Map<string, QueueFile>();
  const stale: Array<{ file: QueueFile; settled: QueueState }> = [];
  for (const state of [...STATES].reverse()) {
    const folder = path.join(dir, state);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      const m = PLAN_FILE.exec(name);
      if (m === null) continue;
      const entry = { key: `${m[1]}-${m[2]}`, id: m[2] as string, state, file: path.join(folder, name) };
      const settled = byKey.get(entry.key);
      if (settled === undefined) byKey.set(entry.key, entry);
      else stale.push({ file: entry, settled: settled.state });
    }
  }
  return { files: [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key)), stale };
}

/** Reads a queued plan (`text`, when already read) and its status; a plan that cannot be applied is an input error. */
function readEntry(io: Io, dir: string, f: QueueFile, text: string = fs.readFileSync(f.file, 'utf8')): Stored {
  const loaded = loadPlan(text, path.relative(io.cwd, f.file));
  if (loaded.plan === undefined) throw new CliError('input', `the queued plan ${path.relative(io.cwd, f.file)} cannot be applied`, loaded.issues);
  return { key: f.key, id: f.id, state: f.state, plan: loaded.plan, records: readStatus(path.join(dir, f.state, `${f.key}.status.json`)) };
}

/**
 * Every entry of the queue. A plan found both pending and settled is settled: the pending copy is
 * removed.
 */
function readQueue(io: Io, dir: string): Stored[] {
  const { files, stale } = listQueue(dir);
  for (const { file, settled } of stale) {
    fs.rmSync(file.file, { force: true });
    fs.rmSync(path.join(dir, file.state, `${file.key}.status.json`), { force: true });
    write(io, 'stderr', `${file.key}: found pending and ${settled}; kept it ${settled}\n`);
  }
  return files.map((f) => readEntry(io, dir, f));
}

/** Writes an entry's records and moves its files to the folder of its state. */
function saveEntry(dir: string, entry: Stored, records: Record<string, QueuedInstanceRecord>, state: QueueState): void {
  const from = path.join(dir, entry.state);
  const to = path.join(dir, state);
  writeWhole(path.join(from, `${entry.key}.status.json`), `${JSON.stringify({ key: entry.key, records } satisfies StatusFile, null, 2)}\n`);
  if (state === entry.state) return;
  fs.mkdirSync(to, { recursive: true });
  for (const name of [`${entry.key}.json`, `${entry.key}.status.json`]) fs.renameSync(path.join(from, name), path.join(to, name));
}

/** `ckafka queue add <dir> <plan.json> --id <id> --merged-at <time>`. */
async function addToQueue(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs('queue add', argv, { id: { type: 'string' }, 'merged-at': { type: 'string' } });
  const [dirArg, planArg, ...extra] = args.positionals;
  if (dirArg === undefined || extra.length > 0) throw usageError('ckafka queue add takes the queue folder and a plan file', 'ckafka queue add .ckafka-queue plan.json --id pr42 --merged-at 2026-03-07T01:10:00Z');
  const id = stringFlag(args, 'id');
  if (id === undefined || !ID_PATTERN.test(id)) throw usageError(`--id must be 1 to 64 letters, digits, dashes or underscores (the pull request, e.g. pr42); got ${JSON.stringify(id ?? '')}`);
  const mergedText = stringFlag(args, 'merged-at');
  const mergedAt = mergedText === undefined ? undefined : parseInstant(mergedText);
  if (mergedAt === undefined) throw usageError(`--merged-at must be the merge time, ISO-8601 with an offset (e.g. 2026-03-07T01:10:00Z); got ${JSON.stringify(mergedText ?? '')}`, 'the order of merges decides which plan supersedes which');
  const dir = path.resolve(io.cwd, dirArg);
  // Only the entry of this id is read: a catch-up adds every recent merge, and the queue keeps
  // every plan ever applied.
  const knownFile = listQueue(dir).files.find((e) => e.id === id);
  if (knownFile !== undefined) {
    const knownText = fs.readFileSync(knownFile.file, 'utf8');
    const known = readEntry(io, dir, knownFile, knownText);
    // Adding is idempotent: the merge job and the scheduled catch-up may both add a plan.
    const given = planArg !== undefined && fs.existsSync(path.resolve(io.cwd, planArg)) ? fs.readFileSync(path.resolve(io.cwd, planArg), 'utf8') : undefined;
    // The queue keeps a plan byte for byte as planned: the same bytes are the same plan.
    if (planArg !== undefined && given !== undefined && given !== knownText) {
      const loaded = loadPlan(given, planArg);
      if (loaded.plan !== undefined && loaded.plan.digest !== known.plan.digest)
        throw new CliError('input', `${id} is already queued as ${known.state}/${known.key}.json with another plan (digest ${known.plan.digest}, given ${loaded.plan.digest})`, [
          { code: 'apply/plan-modified', severity: 'error', path: '', message: `a second, different plan for ${id}`, hint: 'one merged pull request has one reviewed plan: find out where the other came from', file: planArg },
        ]);
    }
    write(io, 'stdout', `${id}: already queued (${known.state}/${known.key}.json)\n`);
    return 0;
  }
  if (planArg === undefined || !fs.existsSync(path.resolve(io.cwd, planArg)))
    throw inputError(`the reviewed plan of ${id} is missing${planArg === undefined ? '' : ` (${planArg})`}: a merged plan would be lost`, planArg ?? id, 'fetch the plan saved by the pull request\'s plan job (re-run that job if it expired), then add it');
  const text = fs.readFileSync(path.resolve(io.cwd, planArg), 'utf8');
  const loaded = loadPlan(text, planArg);
  if (loaded.plan === undefined) throw new CliError('input', `cannot queue ${planArg}`, loaded.issues);
  const key = keyOf(mergedAt, id);
  writeWhole(path.join(dir, 'pending', `${key}.json`), text);
  write(io, 'stdout', `${id}: queued as pending/${key}.json (${loaded.plan.instances.length} instance${loaded.plan.instances.length === 1 ? '' : 's'})\n`);
  return 0;
}

interface EntryReport {
  readonly key: string;
  readonly state: QueueState;
  readonly instances: ReadonlyArray<{
    readonly name: string;
    readonly instanceId: string | null;
    readonly outcome: QueueOutcome;
    readonly message: string;
    readonly issues: readonly Issue[];
    readonly endpointsChanged?: EndpointChange;
  }>;
}

function renderQueueReport(dir: string, reports: readonly EntryReport[], color: boolean): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(`${r.key}: ${r.state}`);
    for (const i of r.instances) {
      out.push(`  ${i.outcome === 'superseded' ? '⇢' : OUTCOME_MARKS[i.outcome]} ${line(i.name)}${i.instanceId ? ` (${line(i.instanceId)})` : ''}: ${i.outcome} — ${line(i.message)}`);
      if (i.endpointsChanged !== undefined) out.push(`      ${describeEndpointChange(i.endpointsChanged)}`);
    }
  }
  const issues = reports.flatMap((r) => r.instances.flatMap((i) => i.issues));
  if (issues.length > 0) out.push('', formatIssues(issues, color));
  const count = (s: QueueState) => reports.filter((r) => r.state === s).length;
  out.push('', reports.length === 0 ? `Queue ${dir}: no pending plans.` : `Queue ${dir}: ${count('pending')} pending, ${count('applied')} applied, ${count('superseded')} superseded in this run.`);
  return `${out.join('\n')}\n`;
}

/** `ckafka queue apply <dir> --fleet <paths>`. */
async function applyQueue(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs('queue apply', argv, {
    fleet: { type: 'string', multiple: true },
    follow: { type: 'boolean' },
    concurrency: { type: 'string' },
    'max-running': { type: 'string' },
    'poll-interval': { type: 'string' },
    format: { type: 'string' },
    ...CLOUD_FLAGS,
  });
  const [dirArg, ...extra] = args.positionals;
  if (dirArg === undefined || extra.length > 0) throw usageError('ckafka queue apply takes the queue folder', 'ckafka queue apply .ckafka-queue --fleet fleet/');
  const format = choiceFlag(args, 'format', ['text', 'json'] as const, 'text');
  const fleetPaths = listFlag(args, 'fleet');
  if (fleetPaths.length === 0) throw usageError('ckafka queue apply needs --fleet: the fleet files of the trusted branch decide which plan stands for each instance', 'ckafka queue apply .ckafka-queue --fleet fleet/');
  const concurrency = intFlag(args, 'concurrency', 8);
  const maxRunning = stringFlag(args, 'max-running') === undefined ? undefined : intFlag(args, 'max-running', 1);
  const pollInterval = stringFlag(args, 'poll-interval');
  const dir = path.resolve(io.cwd, dirArg);
  const fleet = await readTrustedFleet(io, fleetPaths);
  const entries = readQueue(io, dir);
  const decisions = decideQueue(entries, fleet);
  const pending = entries.filter((e) => e.state === 'pending');
  const toApply = pending.filter((e) => [...(decisions.get(e.key)?.values() ?? [])].some((d) => d.kind === 'apply'));

  const reports: EntryReport[] = [];
  const results = new Map<string, InstanceResult[]>();
  let now = new Date();
  if (toApply.length > 0) {
    const region = stringFlag(args, 'region') ?? toApply[0]?.plan.region ?? undefined;
    const selected = await selectCloud(io, {
      ...(stringFlag(args, 'endpoint') === undefined ? {} : { endpoint: stringFlag(args, 'endpoint') as string }),
      ...(stringFlag(args, 'emulator-state') === undefined ? {} : { emulatorState: stringFlag(args, 'emulator-state') as string }),
      ...(boolFlag(args, 'emulator') ? { emulator: true } : {}),
      ...(region === undefined || region === null ? {} : { region }),
    });
    const reporter = createProgressReporter(io, { live: io.stderr.isTTY === true && io.env.CI === undefined, color: colorFor(io.stderr, io.env, boolFlag(args, 'no-color')) });
    try {
      const startedAt = submissionsOf(entries);
      await withInterrupts(io, async (signal) => {
        // One plan at a time, in merge order: each instance is applied from one plan only.
        for (const entry of toApply) {
          if (signal.aborted) break;
          const decided = decisions.get(entry.key);
          const plan = { ...entry.plan, instances: entry.plan.instances.filter((p) => decided?.get(p.name)?.kind === 'apply') };
          const result = await applyPlan(plan, selected.cloud, {
            follow: boolFlag(args, 'follow'),
            startedAt,
            concurrency,
            ...(maxRunning === undefined ? {} : { maxRunning }),
            ...(pollInterval === undefined ? {} : { pollIntervalMs: parseDuration(pollInterval, 'poll-interval') }),
            signal,
            onEvent: reporter.onEvent,
          });
          // A plan refused as a whole (another cloud or region): each of its instances says why.
          const refused = result.issues.length === 0 ? [] : plan.instances.map((p): InstanceResult => ({ name: p.name, instanceId: p.instanceId, outcome: 'refused', message: result.issues.map((i) => i.message).join('; '), issues: result.issues }));
          results.set(entry.key, [...result.instances, ...refused]);
        }
      });
      now = selected.cloud.clock.now();
    } finally {
      reporter.stop();
      await selected.close();
    }
  }

  for (const entry of pending) {
    const decided = decisions.get(entry.key) ?? new Map();
    const applied = results.get(entry.key) ?? [];
    const records = recordRun(entry, decided, applied, now);
    const state = stateAfter(entry, records);
    saveEntry(dir, entry, records, state);
    reports.push({
      key: entry.key,
      state,
      instances: entry.plan.instances.flatMap((p) => {
        const d = decided.get(p.name);
        const r = applied.find((x) => x.name === p.name);
        const record = records[p.name];
        // Settled in an earlier run: not repeated.
        if (d?.kind === 'settled' || record === undefined) return [];
        const issues = r?.issues ?? (d?.kind === 'refused' ? d.issues : []);
        return [{ name: p.name, instanceId: p.instanceId, outcome: record.outcome, message: record.message, issues, ...(r?.endpointsChanged === undefined ? {} : { endpointsChanged: r.endpointsChanged }) }];
      }),
    });
  }
  const ok = reports.every((r) => r.instances.every((i) => QUEUE_SUCCESS_OUTCOMES.includes(i.outcome)));
  if (format === 'json') write(io, 'stdout', `${JSON.stringify({ queue: dirArg, entries: reports, exitCode: ok ? 0 : 1 }, null, 2)}\n`);
  else write(io, 'stdout', renderQueueReport(dirArg, reports, colorFor(io.stdout, io.env, boolFlag(args, 'no-color'))));
  return ok ? 0 : 1;
}

/** `ckafka queue <add|apply> …`. */
export const queueCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === 'add') return addToQueue(rest, io);
  if (sub === 'apply') return applyQueue(rest, io);
  throw usageError(sub === undefined ? 'ckafka queue needs a subcommand: add or apply' : `unknown subcommand "queue ${sub}"`, 'ckafka queue add <dir> <plan.json> --id <id> --merged-at <time>; ckafka queue apply <dir> --fleet <path>');
};
