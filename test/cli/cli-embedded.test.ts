/**
 * `ckafka plan | apply | status` end to end on the embedded emulator, in process: a state file at
 * a fixed virtual time, every output format, the exit codes, plan → apply → plan, a stale plan, a
 * deferral outside the window.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmulator } from '../../src/cloud/emulator';
import {
  ANSI,
  NEXT_WINDOW_OPENING,
  SEED,
  T0_ISO,
  WEEKEND_WINDOW,
  fleetYaml,
  specSubmissionsIn,
  statePathIn,
  tempDir,
  writeFile,
  writeSeedState,
} from '../support/workspace';
import { ckafka } from '../support/run-cli';

// Two changes due now (one in place, one migration) and one instance as it runs.
const DUE_NOW = fleetYaml({
  'cdktf-clickstream': { bw: 240, partitions: 1600 },
  'pulumi-events': { bw: 160, mode: 'high-speed' },
  payments: {},
});

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

/** The verdict: the first line after the emulator banner (which wraps). */
function verdictOf(stdout: string): string | undefined {
  return stdout.split('\n').find((l) => l !== '' && !l.startsWith('⚠') && !l.startsWith(' '));
}

/** A fresh folder with the fleet file and the seed state at T0. */
async function workspace(name: string, fleet: string): Promise<{ cwd: string; state: string }> {
  const cwd = path.join(tmp.dir, name);
  writeFile(path.join(cwd, 'ckafka.yaml'), fleet);
  await writeSeedState(statePathIn(cwd));
  return { cwd, state: statePathIn(cwd) };
}

describe('ckafka plan on the embedded emulator: formats and exit codes', () => {
  let cwd: string;
  beforeAll(async () => {
    ({ cwd } = await workspace('formats', DUE_NOW));
  });

  it('text: the verdict, each instance and what migrates; says on stderr which cloud it used', async () => {
    const r = await ckafka(['plan', '--now', T0_ISO], { cwd });
    expect(r.code).toBe(0);
    // An emulated fleet says so first, then the verdict.
    expect(r.stdout).toMatch(/^⚠ EMULATOR: this plan was made against the CKafka emulator, not Tencent Cloud/);
    expect(verdictOf(r.stdout)).toMatch(/^2 to upgrade \(1 migrates data\), 1 unchanged · [+-][\d,.]+ CNY\/month/);
    expect(r.stdout).toMatch(/~ cdktf-clickstream \(ckafka-6kx1c7lm\)\s+upgrade/);
    expect(r.stdout).toMatch(/~ pulumi-events \(ckafka-pu1evt5x\)\s+upgrade/);
    expect(r.stdout).toMatch(/bandwidth 120 → 160 MB\/s; migrates data \(high-speed/);
    expect(r.stdout).toMatch(/= unchanged \(1\): payments/);
    expect(r.stdout).toMatch(/InstanceScalingDown InstanceId=ckafka-6kx1c7lm BandWidth=240 DiskSize=2000\s+Partition=1600 UpgradeStrategy=1/);
    expect(r.stderr).toMatch(/No Tencent Cloud credentials .*: using the embedded CKafka emulator \(ap-guangzhou, state \.ckafka\/emulator-state\.json\)/);
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
  });

  it('--detailed-exitcode: 2 when there are changes', async () => {
    const r = await ckafka(['plan', '--detailed-exitcode'], { cwd });
    expect(r.code).toBe(2);
  });

  it('json: a versioned plan on stdout alone, timestamps from --now', async () => {
    const r = await ckafka(['plan', 'ckafka.yaml', '--format', 'json', '--now', T0_ISO], { cwd });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ formatVersion: 2, createdAt: '2026-03-02T02:00:00.000Z', region: 'ap-guangzhou', cloud: { kind: 'emulator' } });
    expect(plan.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(plan.instances.map((p: { name: string; action: string }) => [p.name, p.action])).toEqual([
      ['cdktf-clickstream', 'upgrade'],
      ['pulumi-events', 'upgrade'],
      ['payments', 'none'],
    ]);
    const events = plan.instances[1];
    expect(events.migration).toMatchObject({ required: true, mode: 'high-speed' });
    expect(events.schedule).toMatchObject({ kind: 'now', startsAt: '2026-03-02T02:00:00.000Z' });
    expect(events.steps.find((s: { kind: string }) => s.kind === 'change-spec')).toMatchObject({ bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' });
    expect(plan.summary).toMatchObject({ upgrades: 2, unchanged: 1, migrations: 1, hasChanges: true });
  });

  it('json is byte-identical for the same --now (reproducible plans)', async () => {
    const [a, b] = [await ckafka(['plan', '--format', 'json', '--now', T0_ISO], { cwd }), await ckafka(['plan', '--format', 'json', '--now', T0_ISO], { cwd })];
    expect(a.stdout).toBe(b.stdout);
  });

  it('markdown: the PR comment with its table and folded detail', async () => {
    const r = await ckafka(['plan', '--format', 'markdown', '--now', T0_ISO], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^> \[!WARNING\]\n> \*\*EMULATOR: this plan was made against the CKafka emulator[^\n]*\n\n\*\*2 to upgrade \\\(1 migrates data\\\), 1 unchanged/);
    expect(r.stdout).toMatch(/> \[!CAUTION\]\n> - \*\*Data migrates\*\*.*: \*\*pulumi-events\*\*/);
    expect(r.stdout).toContain('| instance | action | changes | migration | when | est. duration | cost/month | checks |');
    expect(r.stdout).toMatch(/\| \*\*pulumi-events\*\*<br>`ckafka-pu1evt5x` \| upgrade \|/);
    expect(r.stdout).toMatch(/<details>\s*<summary><b>cdktf-clickstream<\/b>/);
    expect(r.stdout).toContain('planned 2026-03-02 02:00 UTC');
  });

  it('--detailed-exitcode: 0 when nothing changes', async () => {
    const same = path.join(cwd, 'same');
    writeFile(path.join(same, 'ckafka.yaml'), fleetYaml({ payments: {} }));
    const r = await ckafka(['plan', 'same', '--detailed-exitcode', '--format', 'json'], { cwd });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.hasChanges).toBe(false);
  });

  it('an unknown instance id is an input error: exit 1 with or without --detailed-exitcode, naming the id, file and line', async () => {
    const file = writeFile(path.join(cwd, 'ghost', 'ckafka.yaml'), fleetYaml({ payments: {} }).replace(SEED.payments.id, 'ckafka-zzzzzzzz'));
    for (const extra of [['--detailed-exitcode'], [], ['--format', 'json', '--out', 'ghost-plan.json']]) {
      const r = await ckafka(['plan', file, ...extra], { cwd });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error plan\/instance-not-found {2}ghost\/ckafka\.yaml:4:17 {2}instances\[0\]\.instanceId\n {2}instance ckafka-zzzzzzzz \("payments"\) was not found in ap-guangzhou/);
      expect(r.stderr).toContain('ckafka-zzzzzzzz');
    }
    // No plan to apply is written.
    expect(fs.existsSync(path.join(cwd, 'ghost-plan.json'))).toBe(false);
  });

  it('a block by the state of the cloud (a failing pre-check) is not an input error: exit 0, or 2 with --detailed-exitcode', async () => {
    const file = writeFile(path.join(cwd, 'lagging', 'ckafka.yaml'), fleetYaml({ audit: { bw: 60, partitions: 900 } }));
    const r = await ckafka(['plan', file, '--detailed-exitcode'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/audit \(ckafka-2pd8v6fj\)\s+blocked/);
    expect((await ckafka(['plan', file], { cwd })).code).toBe(0);
  });
});

describe('ckafka plan --out, apply, plan again', () => {
  it('applies what is due now and the next plan shows no changes', async () => {
    const { cwd, state } = await workspace('roundtrip', DUE_NOW);

    const planned = await ckafka(['plan', '--out', 'out/plan.json', '--now', T0_ISO], { cwd });
    expect(planned.code).toBe(0);
    expect(planned.stderr).toContain('Plan saved to out/plan.json; apply it with: ckafka apply out/plan.json');

    const applied = await ckafka(['apply', 'out/plan.json', '--poll-interval', '10m'], { cwd });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^✓ cdktf-clickstream \(ckafka-6kx1c7lm\): done — applied: 240 MB\/s/m);
    expect(applied.stdout).toMatch(/^✓ pulumi-events \(ckafka-pu1evt5x\): done — applied: 160 MB\/s.*endpoints changed/m);
    expect(applied.stdout).toMatch(/^= payments \(ckafka-4m7tz1bc\): unchanged/m);
    expect(applied.stdout).toMatch(/submitted at \S+ \(request /);
    expect(applied.stdout).toContain('Apply: 2 done, 1 unchanged.');
    // Progress goes to stderr, one line per state change in a log (no TTY).
    expect(applied.stderr).toMatch(/\] pulumi-events: submitted — accepted by the cloud/);

    expect(specSubmissionsIn(state).map((s) => [s.action, s.params])).toEqual([
      ['InstanceScalingDown', { InstanceId: SEED['cdktf-clickstream'].id, BandWidth: 240, DiskSize: 2000, Partition: 1600, UpgradeStrategy: 1 }],
      ['InstanceScalingDown', { InstanceId: SEED['pulumi-events'].id, BandWidth: 160, DiskSize: 2000, Partition: 1200, UpgradeStrategy: 2 }],
    ]);

    const again = await ckafka(['plan', '--detailed-exitcode'], { cwd });
    expect(again.code).toBe(0);
    expect(verdictOf(again.stdout)).toMatch(/no changes/i);

    // Applying the same plan again is safe: done, nothing submitted.
    const reapplied = await ckafka(['apply', 'out/plan.json', '--format', 'json'], { cwd });
    expect(reapplied.code).toBe(0);
    expect(JSON.parse(reapplied.stdout).instances.map((i: { outcome: string }) => i.outcome)).toEqual(['done', 'done', 'unchanged']);
    expect(specSubmissionsIn(state)).toHaveLength(2);
  });

  it('refuses a stale plan (the instance changed between plan and apply), naming both values', async () => {
    const { cwd, state } = await workspace('stale', fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    expect((await ckafka(['plan', '--out', 'plan.json'], { cwd })).code).toBe(0);
    const em = createEmulator({ statePath: state });
    await em.update((s) => {
      const i = s.instances.find((x) => x.instanceId === SEED['cdktf-clickstream'].id);
      if (i) i.diskGB = 2400;
    });
    await em.close();

    const r = await ckafka(['apply', 'plan.json'], { cwd });

    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ cdktf-clickstream \(ckafka-6kx1c7lm\): refused — the plan is stale: diskGB was 2000 GB when planned, now 2400 GB/);
    // The error block is on stderr, as every error is; the result lines stay on stdout.
    expect(r.stderr).toMatch(/error apply\/stale/);
    expect(r.stdout).not.toMatch(/error apply\//);
    expect(r.stderr).toContain('ckafka plan --out');
    expect(specSubmissionsIn(state)).toHaveLength(0);
  });

  it('defers a migration outside its window: exit 0, said plainly, nothing submitted', async () => {
    const { cwd, state } = await workspace('window', fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } }));
    expect((await ckafka(['plan', '--out', 'plan.json'], { cwd })).code).toBe(0);

    const text = await ckafka(['apply', 'plan.json'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`… payments \\(ckafka-4m7tz1bc\\): deferred — outside its window: it may start at ${NEXT_WINDOW_OPENING.replace(/\./g, '\\.')}; apply this plan again then`));
    expect(text.stdout).toContain('Apply: 1 deferred.');

    const json = await ckafka(['apply', 'plan.json', '--format', 'json'], { cwd });
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ exitCode: 0, interrupted: false, summary: { line: '1 deferred' } });
    expect(result.instances[0]).toMatchObject({ name: 'payments', outcome: 'deferred', startsAt: NEXT_WINDOW_OPENING });
    expect(specSubmissionsIn(state)).toHaveLength(0);
  });
});

describe('ckafka apply --ignore-check', () => {
  it('a failing pre-check blocks (exit 1); --ignore-check applies and the output records it', async () => {
    const { cwd, state } = await workspace('ignore', fleetYaml({ audit: { bw: 60, partitions: 900 } }));
    const planned = await ckafka(['plan', '--out', 'plan.json', '--detailed-exitcode'], { cwd });
    expect(planned.code).toBe(2);
    expect(planned.stdout).toMatch(/audit \(ckafka-2pd8v6fj\)\s+blocked/);

    const blocked = await ckafka(['apply', 'plan.json'], { cwd });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/✗ audit \(ckafka-2pd8v6fj\): blocked — the plan shows replicas-in-sync failing/);
    expect(blocked.stderr).toMatch(/error apply\/check-failed/);
    expect(blocked.stderr).toContain('--ignore-check replicas-in-sync');

    const typo = await ckafka(['apply', 'plan.json', '--ignore-check', 'replica-in-sync'], { cwd });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/--ignore-check replica-in-sync is not a check id\n\s+fix: did you mean --ignore-check replicas-in-sync\?/);
    expect(specSubmissionsIn(state)).toHaveLength(0);

    const ignored = await ckafka(['apply', 'plan.json', '--ignore-check', 'replicas-in-sync', '--poll-interval', '10m'], { cwd });
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toMatch(/✓ audit \(ckafka-2pd8v6fj\): done/);
    expect(ignored.stdout).toContain('ignored failing checks (--ignore-check): replicas-in-sync');
    expect(specSubmissionsIn(state).map((s) => s.action)).toEqual(['ModifyInstancePre']);
  });
});

describe('ckafka status and the default state file', () => {
  let cwd: string;
  beforeAll(async () => {
    ({ cwd } = await workspace('status', fleetYaml({ payments: {} })));
  });

  it('lists the instances as a table, and as JSON', async () => {
    const text = await ckafka(['status'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^NAME\s+ID\s+EDITION\s+BANDWIDTH\s+DISK\s+PARTITIONS\s+STATUS\s+BILLING\s+SCHEDULED$/);
    expect(text.stdout).toMatch(/payments\s+ckafka-4m7tz1bc\s+pro\s+120 MB\/s\s+2000 GB\s+1200 \(\d+ used\)\s+running\s+postpaid/);

    const json = await ckafka(['status', SEED.payments.id, '--format', 'json'], { cwd });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ region: 'ap-guangzhou', notFound: [], instances: [{ instanceId: SEED.payments.id, bandwidthMBps: 120, status: 'running' }] });
  });

  it('exits 1 and names an id it cannot find', async () => {
    const r = await ckafka(['status', 'ckafka-zzzzzzzz'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not found in ap-guangzhou: ckafka-zzzzzzzz');
  });

  it('creates .ckafka/emulator-state.json from an emulator-state.json beside the fleet file, and says so', async () => {
    const dir = path.join(tmp.dir, 'seeded');
    writeFile(path.join(dir, 'fleet', 'ckafka.yaml'), fleetYaml({ payments: {} }));
    await writeSeedState(path.join(dir, 'fleet', 'emulator-state.json'), (s) => {
      const p = s.instances.find((i) => i.instanceId === SEED.payments.id);
      if (p) p.partitions = 1300;
    });

    const r = await ckafka(['plan', 'fleet', '--format', 'json'], { cwd: dir });

    expect(r.code).toBe(0);
    expect(r.stderr).toContain('state .ckafka/emulator-state.json, created from fleet/emulator-state.json');
    expect(fs.existsSync(statePathIn(dir))).toBe(true);
    // The seed beside the fleet was used, not the built-in one: partitions 1300 → 1200 is a decrease.
    expect(JSON.parse(r.stdout).instances[0].changes).toEqual([{ field: 'partitions', from: 1300, to: 1200, unit: 'partitions' }]);
  });
});

describe('in CI, never an imaginary fleet', () => {
  it('without credentials and without choosing the emulator, fails with cloud/credentials-missing and creates no emulator state', async () => {
    const cwd = path.join(tmp.dir, 'ci-no-credentials');
    writeFile(path.join(cwd, 'ckafka.yaml'), DUE_NOW);
    for (const args of [['plan', '--detailed-exitcode'], ['status']]) {
      const r = await ckafka(args, { cwd, env: { CI: 'true' } });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error cloud\/credentials-missing\n {2}no Tencent Cloud credentials: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set, and this is a CI job \(CI is set\)/);
      expect(r.stderr).toMatch(/fix: set the credentials .*, or choose the emulator on purpose with CKAFKA_EMULATOR=1, --emulator, or --emulator-state <file>/);
    }
    expect(fs.existsSync(path.join(cwd, '.ckafka'))).toBe(false);
  });

  it('uses the emulator when it is chosen on purpose (--emulator, CKAFKA_EMULATOR=1, --emulator-state), with the banner', async () => {
    const { cwd } = await workspace('ci-emulator', DUE_NOW);
    for (const [args, env] of [
      [['--emulator'], { CI: 'true' }],
      [[], { CI: 'true', CKAFKA_EMULATOR: '1' }],
      [['--emulator-state', '.ckafka/emulator-state.json'], { CI: '1' }],
    ] as const) {
      const r = await ckafka(['plan', '--now', T0_ISO, '--format', 'markdown', ...args], { cwd, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^> \[!WARNING\]\n> \*\*EMULATOR: /);
    }
  });

  it('CI=false is no CI: the terminal fallback stays', async () => {
    const { cwd } = await workspace('ci-false', DUE_NOW);
    const r = await ckafka(['plan', '--now', T0_ISO], { cwd, env: { CI: 'false' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^No Tencent Cloud credentials/);
  });
});
