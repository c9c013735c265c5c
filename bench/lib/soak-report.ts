/**
 * The soak's verdict and report: the tally of its runs, what the emulator's submissions ledger
 * shows (double submits, unplanned writes), secrets found in any output, the JSON results file and
 * the lines printed, the last one machine-readable.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostCounters, HostSubmission } from './emulator-protocol';
import { ROOT } from './run-process';
import type { SoakCli } from './soak-cli';
import { submissionKey } from './soak-changes';
import { sumFaults } from './soak-faults';
import type { SoakRunOutcome } from './soak-run';
import type { SoakSettings } from './soak-settings';

/** What the runs so far came to. */
export interface SoakTally {
  runs: number;
  converged: number;
  failedClear: number;
  failedUnclear: number;
  readonly lostDetails: string[];
  /** Every target some run declared, as ledger keys: any other accepted spec change is unplanned. */
  readonly plannedKeys: Set<string>;
  readonly scenarios: Record<string, number>;
  readonly profiles: Record<string, number>;
}

/** A tally before the first run. */
export function emptyTally(): SoakTally {
  return { runs: 0, converged: 0, failedClear: 0, failedUnclear: 0, lostDetails: [], plannedKeys: new Set(), scenarios: {}, profiles: {} };
}

/** Counts one run's outcome into the tally. */
export function tallyRun(tally: SoakTally, outcome: SoakRunOutcome): void {
  for (const key of outcome.plannedKeys) tally.plannedKeys.add(key);
  tally.scenarios[outcome.scenario] = (tally.scenarios[outcome.scenario] ?? 0) + 1;
  tally.profiles[outcome.profile] = (tally.profiles[outcome.profile] ?? 0) + 1;
  tally.lostDetails.push(...outcome.lost);
  if (outcome.converged) tally.converged += 1;
  else if (outcome.lastFailureClear) tally.failedClear += 1;
  else tally.failedUnclear += 1;
}

/** Everything the report is made of, gathered once the host has stopped. */
export interface SoakReportInput {
  readonly settings: SoakSettings;
  readonly started: number;
  readonly tally: SoakTally;
  readonly cli: SoakCli;
  readonly submissions: readonly HostSubmission[];
  readonly counters: HostCounters;
  /** The fake credentials and a prefix of the key: any appearance in an output is a leak. */
  readonly secrets: readonly string[];
  /** The soak's temporary folder: removed when all is well, unless `--keep`. */
  readonly dir: string;
  readonly log: (line: string) => void;
}

function isSpecChange(s: HostSubmission): boolean {
  return s.action === 'ModifyInstancePre' || s.action === 'InstanceScalingDown';
}

/**
 * Judges the soak, writes `bench/results/soak-latest.json`, removes or keeps the folder, and prints
 * the report. Returns whether the soak passed: no double submit, unplanned write, lost change or
 * leaked secret.
 */
export function reportSoak(input: SoakReportInput): boolean {
  const { settings, tally, cli } = input;
  const seen = new Map<string, number>();
  for (const s of input.submissions) {
    if (!isSpecChange(s)) continue;
    const key = submissionKey(s.instanceId, s.params);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const doubles = [...seen].filter(([, n]) => n > 1);
  const unplanned = [...seen.keys()].filter((k) => !tally.plannedKeys.has(k));
  const doubleSubmits = doubles.reduce((a, [, n]) => a + n - 1, 0);
  let leaked = 0;
  for (const text of cli.outputs) for (const s of input.secrets) if (text.includes(s)) leaked += 1;
  const faults = sumFaults(input.counters);
  const lost = tally.lostDetails.length;

  const ok = doubleSubmits === 0 && lost === 0 && leaked === 0 && unplanned.length === 0;
  const summary = {
    date: new Date().toISOString(),
    seed: settings.seed,
    settings,
    runs: tally.runs,
    converged: tally.converged,
    failedClear: tally.failedClear,
    failedUnclear: tally.failedUnclear,
    commands: cli.commands,
    failedCommands: cli.failedCommands,
    unclearFailures: cli.unclearFailures.slice(0, 20),
    kills: cli.kills,
    faults,
    scenarios: tally.scenarios,
    profiles: tally.profiles,
    submissions: input.submissions.filter(isSpecChange).length,
    doubleSubmits,
    doubles: doubles.slice(0, 20),
    unplannedWrites: unplanned.length,
    unplanned: unplanned.slice(0, 20),
    lost,
    lostDetails: tally.lostDetails.slice(0, 20),
    secretsLeaked: leaked,
    durationMs: Date.now() - input.started,
    machine: { cpus: os.cpus().length, memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, node: process.version },
  };
  const resultsFile = path.join(ROOT, 'bench', 'results', 'soak-latest.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  if (ok && !settings.keep) fs.rmSync(input.dir, { recursive: true, force: true });
  else input.log(`kept ${input.dir} (state file, fleet files, plans) for inspection`);

  process.stdout.write(
    [
      `commands ${cli.commands} (${cli.failedCommands} failed, ${cli.unclearFailures.length} without an issue code), apply processes killed ${cli.kills}`,
      `faults injected ${faults.injected} of ${faults.calls} calls: throttles ${faults.throttles}, 5xx ${faults.unavailable}, dropped before ${faults.dropBefore}, dropped after ${faults.dropAfter}, latency spikes ${faults.spikes}`,
      `spec-change writes accepted ${summary.submissions}; scenarios ${JSON.stringify(tally.scenarios)}`,
      ...summary.unclearFailures.map((u) => `unclear failure: ${u}`),
      ...summary.lostDetails.map((l) => `lost: ${l}`),
      ...doubles.map(([k, n]) => `double submit: ${k} accepted ${n} times`),
      ...unplanned.map((k) => `unplanned write: ${k} (no run declared this target)`),
      `results: ${path.relative(process.cwd(), resultsFile)} (${Math.round(summary.durationMs / 1000)} s, seed ${settings.seed})`,
      `soak: runs=${tally.runs} converged=${tally.converged} failed_clear=${tally.failedClear} failed_unclear=${tally.failedUnclear} commands=${cli.commands} commands_failed=${cli.failedCommands} commands_failed_unclear=${cli.unclearFailures.length} kills=${cli.kills} faults=${faults.injected} double_submits=${doubleSubmits} unplanned_writes=${unplanned.length} lost=${lost} secrets_leaked=${leaked}`,
      '',
    ].join('\n'),
  );
  return ok;
}
