import * as path from 'node:path';
import { applyPlan } from '../../apply/apply-plan';
import { loadPlan } from '../../apply/load-plan';
import { verifyDeclaredNamesInCloud, verifyPlanAgainstFleet } from '../../apply/verify-plan-against-fleet';
import { MAX_PLAN_BYTES, readInputFile } from '../../io/read-input-file';
import { CHECK_IDS, type CheckId } from '../../plan/types';
import { hasErrors } from '../../spec/issues';
import { closestMatch } from '../../spec/suggest';
import type { DesiredFleet } from '../../spec/types';
import { boolFlag, choiceFlag, CLOUD_FLAGS, intFlag, listFlag, parseCommandArgs, parseDuration, stringFlag } from '../args';
import { CliError, usageError } from '../cli-error';
import type { Command } from '../command';
import { withInterrupts } from '../interrupts';
import { colorFor, formatIssues, write, type Io } from '../output';
import { createProgressReporter } from '../progress';
import { readInputs } from '../read-inputs';
import { applyIssues, renderApplyResult } from '../render-apply-result';
import { selectCloud } from '../select-cloud';

function checkIds(values: readonly string[]): CheckId[] {
  return values.map((v) => {
    if ((CHECK_IDS as readonly string[]).includes(v)) return v as CheckId;
    const near = closestMatch(v, CHECK_IDS);
    throw usageError(`--ignore-check ${v} is not a check id`, near ? `did you mean --ignore-check ${near}?` : `check ids: ${CHECK_IDS.join(', ')}`);
  });
}

function readPlanFile(io: Io, file: string): string {
  const read = readInputFile(path.resolve(io.cwd, file), { display: file, what: 'a plan', maxBytes: MAX_PLAN_BYTES, missingHint: 'pass the file written by `ckafka plan --out <file>`' });
  if (read.issue !== undefined) throw new CliError('input', `cannot read ${file}`, [read.issue]);
  return read.text;
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
  const flagRegion = stringFlag(args, 'region');
  let trusted: DesiredFleet | undefined;
  let projectDir: string | undefined;
  if (fleetPaths.length > 0) {
    const inputs = await readInputs(fleetPaths, io.cwd);
    if (hasErrors(inputs.issues)) throw new CliError('input', `invalid fleet files ${fleetPaths.join(', ')}`, inputs.issues);
    projectDir = inputs.folder;
    if (flagRegion !== undefined && inputs.fleet.region !== undefined && flagRegion !== inputs.fleet.region)
      throw usageError(`--region ${flagRegion} contradicts the fleet files' region ${inputs.fleet.region}`, 'drop --region (the fleet files decide)');
    const mismatches = verifyPlanAgainstFleet(plan, inputs.fleet).map((i) => ({ ...i, file }));
    if (mismatches.length > 0) throw new CliError('input', `${file} does not do what ${fleetPaths.join(', ')} declare`, mismatches);
    trusted = inputs.fleet;
  }
  const ignoreChecks = checkIds(listFlag(args, 'ignore-check'));
  const maxWait = stringFlag(args, 'max-wait');
  const pollInterval = stringFlag(args, 'poll-interval');

  // With trusted fleet files the region is theirs (or the flag's, or the environment's), never the
  // plan's alone: apply then refuses a plan made in another region (apply/wrong-cloud).
  const region = flagRegion ?? (trusted === undefined ? (plan.region ?? undefined) : trusted.region);
  const selected = await selectCloud(io, {
    ...(stringFlag(args, 'endpoint') === undefined ? {} : { endpoint: stringFlag(args, 'endpoint') as string }),
    ...(stringFlag(args, 'emulator-state') === undefined ? {} : { emulatorState: stringFlag(args, 'emulator-state') as string }),
    ...(boolFlag(args, 'emulator') ? { emulator: true } : {}),
    ...(region === undefined ? {} : { region }),
    ...(projectDir === undefined ? {} : { projectDir }),
  });
  const errColor = colorFor(io.stderr, io.env, boolFlag(args, 'no-color'));
  const reporter = createProgressReporter(io, { live: io.stderr.isTTY === true && io.env.CI === undefined, color: errColor });

  try {
    // First Ctrl-C: stop submitting, report what runs on. Second: leave at once.
    const result = await withInterrupts(io, async (signal) => {
      // An instance declared by name must still be the only one of that name in the region, and
      // the plan's: checked before anything is written.
      if (trusted !== undefined) {
        const names = await verifyDeclaredNamesInCloud(plan, trusted, selected.cloud, signal);
        if (names.length > 0) throw new CliError('input', `${file} does not do what ${fleetPaths.join(', ')} declare`, names.map((i) => ({ ...i, file })));
      }
      return applyPlan(plan, selected.cloud, {
        ignoreChecks,
        wait: boolFlag(args, 'wait'),
        follow: !boolFlag(args, 'detach'),
        ...(maxWait === undefined ? {} : { maxWaitMs: parseDuration(maxWait, 'max-wait') }),
        ...(pollInterval === undefined ? {} : { pollIntervalMs: parseDuration(pollInterval, 'poll-interval') }),
        concurrency,
        ...(maxRunning === undefined ? {} : { maxRunning }),
        signal,
        onEvent: reporter.onEvent,
      });
    });
    reporter.stop();
    const { polls: _polls, ...plain } = result;
    if (format === 'json') write(io, 'stdout', `${JSON.stringify(plain, null, 2)}\n`);
    else {
      const issues = applyIssues(plain);
      if (issues.length > 0) write(io, 'stderr', `${formatIssues(issues, errColor)}\n\n`);
      write(io, 'stdout', renderApplyResult(plain));
    }
    return result.exitCode;
  } finally {
    reporter.stop();
    await selected.close();
  }
};
