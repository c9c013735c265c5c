import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlan } from '../../apply/apply-plan';
import type { ApplyResult, EndpointChange, InstanceOutcome } from '../../apply/apply-types';
import { loadPlan } from '../../apply/load-plan';
import { verifyPlanAgainstFleet } from '../../apply/verify-plan-against-fleet';
import { CHECK_IDS, type CheckId } from '../../plan/types';
import { closestMatch } from '../../spec/suggest';
import { boolFlag, choiceFlag, CLOUD_FLAGS, intFlag, listFlag, parseCommandArgs, parseDuration, stringFlag } from '../args';
import { CliError, usageError } from '../cli-error';
import type { Command } from '../command';
import { colorFor, formatIssues, write, type Io } from '../output';
import { withInterrupts } from '../interrupts';
import { createProgressReporter } from '../progress';
import { selectCloud } from '../select-cloud';
import { readTrustedFleet } from '../trusted-fleet';

function checkIds(values: readonly string[]): CheckId[] {
  return values.map((v) => {
    if ((CHECK_IDS as readonly string[]).includes(v)) return v as CheckId;
    const near = closestMatch(v, CHECK_IDS);
    throw usageError(`--ignore-check ${v} is not a check id`, near ? `did you mean --ignore-check ${near}?` : `check ids: ${CHECK_IDS.join(', ')}`);
  });
}

/** One character per outcome, at the start of each result line. */
export const OUTCOME_MARKS: Record<InstanceOutcome, string> = {
  done: '✓',
  unchanged: '=',
  deferred: '…',
  scheduled: '…',
  'in-progress': '…',
  blocked: '✗',
  refused: '✗',
  failed: '✗',
  running: '!',
  skipped: '-',
};

// What to do next, for the outcomes that leave work for a later run.
const NEXT: Partial<Record<InstanceOutcome, string>> = {
  deferred: '; apply this plan again then (a scheduled CI job can)',
  scheduled: '; apply this plan again after it runs, to verify',
};

/** Endpoints a migration changed, and what to do about them (the upgrade documentation's warning). */
export function describeEndpointChange(change: EndpointChange): string {
  const list = (endpoints: EndpointChange['before']) => endpoints.map((e) => `${e.vip}:${e.vport}`).join(', ');
  return `endpoints changed: ${list(change.after)} (were ${list(change.before)}): allow the new ports in your security groups`;
}

/** The apply result for a human: a line per instance, what to do about each problem, a summary. */
export function renderApplyResult(result: ApplyResult, color: boolean): string {
  const out: string[] = [];
  for (const r of result.instances) {
    out.push(`${OUTCOME_MARKS[r.outcome]} ${r.name}${r.instanceId ? ` (${r.instanceId})` : ''}: ${r.outcome} — ${r.message}${NEXT[r.outcome] ?? ''}`);
    if (r.ignoredChecks && r.ignoredChecks.length > 0) out.push(`    ignored failing checks (--ignore-check): ${r.ignoredChecks.join(', ')}`);
    if (r.submitted)
      out.push(
        r.submitted.acceptedBy === 'observation'
          ? `    submitted at ${r.submitted.at}: the answer was lost, and the cloud shows the change`
          : `    submitted at ${r.submitted.at} (request ${r.submitted.requestId})`,
      );
    if (r.endpointsChanged) out.push(`    ${describeEndpointChange(r.endpointsChanged)}`);
  }
  const issues = [...result.issues, ...result.instances.flatMap((r) => r.issues)];
  if (issues.length > 0) out.push('', formatIssues(issues, color));
  out.push('', `Apply: ${result.summary.line}.`);
  if (result.summary.stillRunning.length > 0) {
    const detached = result.instances.some((r) => r.outcome === 'in-progress');
    out.push(`Still running in the cloud: ${result.summary.stillRunning.join(', ')}. Apply the same plan again to ${detached ? 'see their progress and to verify them once they end' : 'follow them'}.`);
  }
  if (result.interrupted) out.push('Interrupted: no new change was submitted after Ctrl-C.');
  return `${out.join('\n')}\n`;
}

function readPlanFile(io: Io, file: string): string {
  try {
    return fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new CliError('input', `cannot read ${file}`, [
      { code: 'cli/file-not-found', severity: 'error', path: '', message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, hint: 'pass the file written by `ckafka plan --out <file>`', file },
    ]);
  }
}

/** `ckafka apply <plan.json>`: applies exactly the reviewed plan. */
export const applyCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('apply', argv, {
    wait: { type: 'boolean' },
    detach: { type: 'boolean' },
    'max-wait': { type: 'string' },
    'ignore-check': { type: 'string', multiple: true },
    fleet: { type: 'string', multiple: true },
    concurrency: { type: 'string' },
    'max-running': { type: 'string' },
    'poll-interval': { type: 'string' },
    format: { type: 'string' },
    ...CLOUD_FLAGS,
  });
  if (args.positionals.length !== 1) throw usageError(args.positionals.length === 0 ? 'ckafka apply needs the plan file' : `ckafka apply takes one plan file; got ${args.positionals.join(' ')}`, 'ckafka apply plan.json (write one with ckafka plan --out plan.json)');
  const format = choiceFlag(args, 'format', ['text', 'json'] as const, 'text');
  // Flags first: a usage mistake is reported before anything is read or observed.
  const concurrency = intFlag(args, 'concurrency', 8);
  const maxRunning = stringFlag(args, 'max-running') === undefined ? undefined : intFlag(args, 'max-running', 1);
  const file = args.positionals[0] as string;
  const loaded = loadPlan(readPlanFile(io, file), file);
  if (loaded.plan === undefined) throw new CliError('input', `cannot apply ${file}`, loaded.issues);
  const plan = loaded.plan;
  // A plan from a less trusted place (a pull request's CI job) is checked against the fleet files
  // of the trusted branch before anything touches the cloud.
  const fleetPaths = listFlag(args, 'fleet');
  if (fleetPaths.length > 0) {
    const mismatches = verifyPlanAgainstFleet(plan, await readTrustedFleet(io, fleetPaths));
    if (mismatches.length > 0) throw new CliError('input', `${file} does not do what ${fleetPaths.join(', ')} declare`, mismatches);
  }
  const ignoreChecks = checkIds(listFlag(args, 'ignore-check'));
  const maxWait = stringFlag(args, 'max-wait');
  const pollInterval = stringFlag(args, 'poll-interval');

  const selected = await selectCloud(io, {
    ...(stringFlag(args, 'endpoint') === undefined ? {} : { endpoint: stringFlag(args, 'endpoint') as string }),
    ...(stringFlag(args, 'emulator-state') === undefined ? {} : { emulatorState: stringFlag(args, 'emulator-state') as string }),
    ...(boolFlag(args, 'emulator') ? { emulator: true } : {}),
    ...((stringFlag(args, 'region') ?? plan.region) === null ? {} : { region: (stringFlag(args, 'region') ?? plan.region) as string }),
  });
  const errColor = colorFor(io.stderr, io.env, boolFlag(args, 'no-color'));
  const reporter = createProgressReporter(io, { live: io.stderr.isTTY === true && io.env.CI === undefined, color: errColor });

  try {
    // First Ctrl-C: stop submitting, report what runs on. Second: leave at once.
    const result = await withInterrupts(io, (signal) =>
      applyPlan(plan, selected.cloud, {
        ignoreChecks,
        wait: boolFlag(args, 'wait'),
        follow: !boolFlag(args, 'detach'),
        ...(maxWait === undefined ? {} : { maxWaitMs: parseDuration(maxWait, 'max-wait') }),
        ...(pollInterval === undefined ? {} : { pollIntervalMs: parseDuration(pollInterval, 'poll-interval') }),
        concurrency,
        ...(maxRunning === undefined ? {} : { maxRunning }),
        signal,
        onEvent: reporter.onEvent,
      }),
    );
    reporter.stop();
    const { polls: _polls, ...plain } = result;
    if (format === 'json') write(io, 'stdout', `${JSON.stringify(plain, null, 2)}\n`);
    else write(io, 'stdout', renderApplyResult(plain, colorFor(io.stdout, io.env, boolFlag(args, 'no-color'))));
    return result.exitCode;
  } finally {
    reporter.stop();
    await selected.close();
  }
};
