/**
 * `npm run attack`: the attacks of docs/reliability.md (Attacks), run against the real
 * CLI and `ckafka emulator serve` as child processes, on loopback only, in a temporary folder,
 * bounded (about a minute). Each prints whether the defence held and what was seen; the table
 * goes to bench/results/attack-latest.json and docs/reliability.md.
 *
 *   B5   a disk that fills up while the emulator state is written
 *   B6   a writer stalled past the lock's stale age while another command runs
 *   B7   terminal escapes in instance and topic names, in every command's output
 *   B8   replayed, re-targeted and mis-scoped signatures at the HTTP emulator
 *   B9   unauthenticated 10 MB bodies, more connections than the cap
 *   B10  SIGTERM while a request stalls
 *   B13  `plan --out` on a full disk, onto a symbolic link, under kill -9
 *   B14  temporary files left by kill -9 loops
 *   B17  a symbolic link as `--emulator-state`
 *
 * Then the plan-tampering rows (B1–B3, B15, F1–F13: bench/lib/attack-plan-tampering.ts): plans
 * edited with their digest recomputed, applied with and without `--fleet`. They run the CLI's
 * code in this process (from these sources, not a build) against the embedded emulator on a state
 * file, so `--cli` leaves them out.
 *
 *   --only <ids>  comma-separated rows to run (default all); B1 selects B1a, B1b, …
 *   --cli <file>  another build's bin/ckafka.js to attack (default this one's): run a previous
 *                 version to see the attacks break it (the file and front rows only)
 *   --keep        keep the temporary folder
 *
 * Exit code 1 when any defence did not hold. Needs `npm run build` (it runs bin/ckafka.js) and
 * /bin/sh (for `ulimit -f`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { useCli, type Attack, type AttackResult } from './lib/attack-kit';
import { FILE_ATTACKS } from './lib/attacks-files';
import { FRONT_ATTACKS } from './lib/attacks-front';
import { PLAN_TAMPERS, runPlanTamperingAttacks } from './lib/attack-plan-tampering';
import { ROOT } from './lib/run-process';

const ORDER = ['B5', 'B6', 'B7', 'B8', 'B9', 'B10', 'B13', 'B14', 'B17'];

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { only: { type: 'string' }, keep: { type: 'boolean' }, cli: { type: 'string' } }, strict: true });
  if (values.cli !== undefined) useCli(path.resolve(values.cli));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (the attacks run bin/ckafka.js)');
  const only = values.only === undefined ? undefined : new Set(values.only.split(',').map((s) => s.trim().toUpperCase()));
  // A row id with its letter dropped (B1 for B1a) selects the whole group.
  const selected = (id: string): boolean => only === undefined || only.has(id.toUpperCase()) || only.has(id.replace(/[a-z]+$/, '').toUpperCase());
  const attacks = [...FILE_ATTACKS, ...FRONT_ATTACKS].filter((a) => selected(a.id)).sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const tampers = values.cli === undefined ? PLAN_TAMPERS.filter((t) => selected(t.id)).map((t) => t.id) : [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-attack-'));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(`ckafka-iac attacks: ${attacks.length} rows against ${values.cli ?? 'bin/ckafka.js'}, ${tampers.length} plan-tampering rows in process, folder ${dir}`);
  if (values.cli !== undefined) log('the plan-tampering rows run these sources in process, not another build: left out with --cli');
  const started = Date.now();
  const rows: Array<{ id: string; what: string; ms: number } & AttackResult> = [];
  const record = (id: string, what: string, ms: number, result: AttackResult): void => {
    rows.push({ id, what, ms, ...result });
    log(`${id.padEnd(4)} ${result.held ? 'held  ' : 'BROKEN'} ${result.observed} (${(ms / 1000).toFixed(1)} s)`);
  };
  for (const attack of attacks as Attack[]) {
    const t = Date.now();
    let result: AttackResult;
    try {
      result = await attack.run(dir);
    } catch (e) {
      result = { held: false, observed: failed(e) };
    }
    record(attack.id, attack.what, Date.now() - t, result);
  }
  if (tampers.length > 0) {
    const t = Date.now();
    try {
      const tampered = await runPlanTamperingAttacks({ only: tampers, dir: path.join(dir, 'plan-tampering') });
      // The rows share their scenarios' plans, so a row's own time is not measured: the group's is spread evenly.
      const each = Math.round((Date.now() - t) / Math.max(1, tampered.length));
      for (const r of tampered) record(r.id, r.attack, each, { held: r.held, observed: r.held ? r.result : `${r.result} (expected: ${r.expected})` });
    } catch (e) {
      record('B1-F13', 'plan tampering', Date.now() - t, { held: false, observed: failed(e) });
    }
  }
  const broken = rows.filter((r) => !r.held);
  const summary = { date: new Date().toISOString(), cli: values.cli ?? 'bin/ckafka.js', durationMs: Date.now() - started, rows, broken: broken.map((r) => r.id), machine: { cpus: os.cpus().length, node: process.version, platform: process.platform } };
  const resultsFile = path.join(ROOT, 'bench', 'results', 'attack-latest.json');
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  if (broken.length === 0 && values.keep !== true) fs.rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir} for inspection`);
  process.stdout.write(
    [
      '| id | attack | result | observed |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.id} | ${r.what} | ${r.held ? 'held' : '**broken**'} | ${r.observed.replace(/\|/g, '\\|')} |`),
      '',
      `results: ${path.relative(process.cwd(), resultsFile)} (${Math.round(summary.durationMs / 1000)} s)`,
      `attack: rows=${rows.length} held=${rows.length - broken.length} broken=${broken.length}${broken.length > 0 ? ` (${broken.map((r) => r.id).join(',')})` : ''}`,
      '',
    ].join('\n'),
  );
  process.exitCode = broken.length === 0 ? 0 : 1;
}

function failed(e: unknown): string {
  return `the attack itself failed: ${e instanceof Error ? e.message : String(e)}`;
}

main().catch((e: unknown) => {
  process.stderr.write(`attack failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
