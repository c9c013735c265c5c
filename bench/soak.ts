/**
 * `npm run soak [-- options]`: many randomized plan/apply runs of the real CLI (bin/ckafka.js,
 * child processes, `--endpoint` to the HTTP emulator on loopback, credentials in the environment)
 * under injected throttling, 5xx answers, connections dropped before and after a request is
 * applied, latency spikes, `kill -9` of apply at random moments, and two applies of one plan at
 * once. It checks what must never happen:
 *
 * - a double submit: two accepted spec-change writes for the same instance and target, read
 *   from the emulator's submissions ledger (targets only ever go up, so none repeats legitimately);
 * - a lost change: a run that converged (apply said done) while the emulator is not at the
 *   plan's targets;
 * - an unplanned write: an accepted spec change that no run's plan asked for;
 * - a secret in any output: a distinctive fake SecretId and SecretKey are scanned for in every
 *   stdout, stderr and plan file.
 *
 * Each run: pick random upward targets, write the fleet file, plan (under the run's faults), apply
 * (normally, killed with SIGKILL and re-run, or twice at once), then keep applying the same plan
 * (re-planning only when apply refuses it) until the emulator is at the targets; the last attempts
 * run with faults off, as a storm passes. Bounded by --runs and --minutes; stops by itself.
 *
 *   --quick          12 runs; no new run starts after 2.2 minutes (done in under 3)
 *   --runs <n>       runs (default 40)
 *   --minutes <m>    stop starting runs after this long (default 20)
 *   --seed <n>       seed of every random choice (default: time-based, printed)
 *   --instances <n>  instances in the emulated fleet (default 8)
 *   --speed <x>      emulator clock speed (default 3000: a 15-minute migration takes 0.3 s)
 *   --keep           keep the temporary folder (state file, outputs) even when all is well
 *   --write-settle-ms <ms>  CKAFKA_WRITE_SETTLE_MS for the CLI: the wait before re-observing a
 *                    write whose answer was lost (default: the CLI's 5 s, looks at 5/15/40 s;
 *                    quick: 250 ms, so a run with lost writes cannot overrun the three minutes)
 *
 * The last line is machine-readable; the exit code is 1 when double submits, unplanned writes,
 * lost changes or leaked secrets are above zero.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cloudEnv } from './lib/env';
import { startEmulatorHost } from './lib/emulator-process';
import { buildSyntheticFleet } from './lib/fleet';
import { ROOT } from './lib/run-process';
import { SoakCli } from './lib/soak-cli';
import { seededRandom } from './lib/soak-changes';
import { FAULTS_OFF } from './lib/soak-faults';
import { emptyTally, reportSoak, tallyRun } from './lib/soak-report';
import { soakRun } from './lib/soak-run';
import { readSoakSettings } from './lib/soak-settings';

async function main(): Promise<void> {
  const settings = readSoakSettings(process.argv.slice(2));
  const random = seededRandom(settings.seed);
  const started = Date.now();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-soak-'));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (the soak runs bin/ckafka.js)');
  // Distinctive fake credentials: any appearance in an output is a leak.
  const tag = Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
  const credentials = { secretId: `AKIDsoakCanaryId${tag}Zq`, secretKey: `soakCanarySecretKey${tag}Xw` };
  const secrets = [credentials.secretId, credentials.secretKey, credentials.secretKey.slice(0, 16)];
  log(`ckafka-iac soak: seed ${settings.seed}, ${settings.runs} runs at most, ${Math.round(settings.maxMs / 60000)} min at most, ${settings.instances} instances, clock ${settings.speed}x, write settle ${settings.writeSettleMs === undefined ? "the CLI default" : `${settings.writeSettleMs} ms`}; folder ${dir}`);

  const fleet = buildSyntheticFleet({ instances: settings.instances, changingShare: 0, topicsPerInstance: 2, dataGB: 4, dataSpread: 0.5, now: new Date(), idPrefix: 's' });
  const statePath = path.join(dir, 'emulator-state.json');
  fs.writeFileSync(statePath, JSON.stringify(fleet.state));
  const host = await startEmulatorHost({ statePath, speed: settings.speed, credentials, faults: { ...FAULTS_OFF, latencyMs: 5, seed: settings.seed } });
  const env = cloudEnv(credentials);
  if (settings.writeSettleMs !== undefined) env.CKAFKA_WRITE_SETTLE_MS = String(settings.writeSettleMs);
  const cli = new SoakCli(host, dir, env);

  const tally = emptyTally();
  try {
    while (tally.runs < settings.runs && Date.now() - started < settings.maxMs) {
      tally.runs += 1;
      tallyRun(tally, await soakRun({ host, cli, dir, random, region: fleet.state.region, log }, tally.runs));
    }
  } finally {
    await host.setFaults(FAULTS_OFF).catch(() => undefined);
  }

  const final = await host.summary(true);
  const counters = await host.counters();
  await host.stop();
  const ok = reportSoak({ settings, started, tally, cli, submissions: final.submissions, counters, secrets, dir, log });
  process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`soak failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
