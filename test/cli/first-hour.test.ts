/**
 * The first hour of a new user, in-process through `runCli`: an emulator endpoint without keys
 * or region, per-command help, overnight windows said plainly, apply's errors on stderr, a seed
 * file passed as a live state, and the embedded state found at the project's root.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSeedState, startEmulatorServer, type EmulatorServer } from '../../src/cloud/emulator';
import { HELP } from '../../src/cli/help';
import { watchParent } from '../../src/cli/watch-parent';
import { SEED, fleetYaml, writeSeedState } from '../support/workspace';
import { cli } from './_run-cli';

const ROOT = path.resolve(__dirname, '..', '..');
let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-first-hour-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

const write = (rel: string, content: string) => {
  const p = path.join(cwd, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};

describe('ckafka emulator serve as an endpoint, without keys or region', () => {
  let server: EmulatorServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('status and plan against CKAFKA_ENDPOINT with no credentials and no region: the emulator says its region', async () => {
    server = await startEmulatorServer({ emulatorOptions: { state: createSeedState({ region: 'ap-shanghai' }) } });
    const status = await cli(['status', '--format', 'json'], cwd, { CKAFKA_ENDPOINT: server.url });
    expect(status.stderr).toBe(`Using the CKafka API at ${server.url}/ (ap-shanghai: the region it serves; no credentials set: requests signed with a placeholder key, which an emulator serving without keys accepts).\n`);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ region: 'ap-shanghai', notFound: [] });
    expect(JSON.parse(status.stdout).instances.length).toBeGreaterThan(5);

    const flag = await cli(['status', '--endpoint', server.url], cwd);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toMatch(/^NAME\s+ID/);
  });

  it('an emulator that checks signatures: without keys or with wrong ones, an auth error naming the keys', async () => {
    server = await startEmulatorServer({ emulatorOptions: { state: createSeedState() }, credentials: { secretId: 'AKIDfirsthour', secretKey: 'first-hour-key' } });
    const r = await cli(['status'], cwd, { CKAFKA_ENDPOINT: server.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error cloud/auth-failed\n  the emulator at ${server.url}/ checks signatures (AuthFailure.SecretIdNotFound) and TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set\n  fix: set them to the key pair \`ckafka emulator serve\` was started with (or start it without one)\n`,
    );
    const wrong = await cli(['status'], cwd, { CKAFKA_ENDPOINT: server.url, TENCENTCLOUD_SECRET_ID: 'AKIDfirsthour', TENCENTCLOUD_SECRET_KEY: 'not-the-key' });
    expect(wrong.stderr).toMatch(/refused the key pair in TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY \(AuthFailure\.SignatureFailure\)/);
    expect(wrong.stderr).not.toContain('not-the-key');
    // With the region given, the first API call is refused: the generic hint names the keys too.
    const withRegion = await cli(['status', '--region', 'ap-guangzhou'], cwd, { CKAFKA_ENDPOINT: server.url });
    expect(withRegion.stderr).toMatch(/error cloud\/auth-failed[\s\S]*fix: check TENCENTCLOUD_SECRET_ID \/ TENCENTCLOUD_SECRET_KEY/);
    const signed = await cli(['status', '--region', 'ap-guangzhou'], cwd, { CKAFKA_ENDPOINT: server.url, TENCENTCLOUD_SECRET_ID: 'AKIDfirsthour', TENCENTCLOUD_SECRET_KEY: 'first-hour-key' });
    expect(signed.code).toBe(0);
  });

  it('an endpoint off this machine still needs keys, and says so without the old advice', async () => {
    const r = await cli(['status'], cwd, { CKAFKA_ENDPOINT: 'https://ckafka.internal.example' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('an endpoint is set (https://ckafka.internal.example/) but TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not');
    expect(r.stderr).not.toContain('the values the emulator was started with');
  });
});

describe('help', () => {
  it.each(['plan', 'apply', 'status', 'validate', 'schema', 'emulator'])('ckafka help %s is ckafka %s --help', async (command) => {
    const viaHelp = await cli(['help', command], cwd);
    const viaFlag = await cli([command, '--help'], cwd);
    expect(viaHelp).toEqual({ code: 0, stdout: `${HELP[command]}\n`, stderr: '' });
    expect(viaFlag).toEqual(viaHelp);
  });

  it('ckafka help with a command that does not exist: the closest one', async () => {
    const r = await cli(['help', 'aply'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no help for "aply": it is not a command\n\s+fix: did you mean `ckafka help apply`\?/);
  });
});

describe('validate says when a window runs overnight', () => {
  it('06:00–02:00 is valid, with an info line saying it is 20 hours and how to swap it', async () => {
    write('ckafka.yaml', fleetYaml({ payments: { rebalance: '{ window: { days: [sat], start: "06:00", end: "02:00", timezone: Asia/Shanghai } }' }, orders: {} }));
    const r = await cli(['validate'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('valid: 2 instances in ckafka.yaml\n');
    expect(r.stderr).toBe('info: window sat 06:00–02:00 Asia/Shanghai runs overnight: it opens at 06:00 and closes at 02:00 the next day, 20 hours (payments); if you meant 02:00–06:00, swap start and end\n');
    const json = await cli(['validate', '--format', 'json'], cwd);
    expect(JSON.parse(json.stdout).notes).toEqual([{ kind: 'overnight-window', instances: ['payments'], message: expect.stringContaining('20 hours') }]);
  });

  it('a window within one day: no info line', async () => {
    write('ckafka.yaml', fleetYaml({ payments: { rebalance: '{ window: { days: [sat], start: "02:00", end: "06:00", timezone: Asia/Shanghai } }' } }));
    expect(await cli(['validate'], cwd)).toEqual({ code: 0, stdout: 'valid: 1 instance in ckafka.yaml\n', stderr: '' });
  });
});

describe('apply writes its errors to stderr', () => {
  it('a blocked instance: the result line on stdout, the error block (code, fix) on stderr only', async () => {
    write('ckafka.yaml', fleetYaml({ audit: { bw: 60, partitions: 900 } }));
    await writeSeedState(path.join(cwd, 'state.json'));
    expect((await cli(['plan', '--out', 'plan.json', '--emulator-state', 'state.json'], cwd)).code).toBe(0);
    const r = await cli(['apply', 'plan.json', '--emulator-state', 'state.json'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ audit \(ckafka-2pd8v6fj\): blocked/);
    expect(r.stdout).toMatch(/Apply: 1 blocked\.\n$/);
    expect(r.stdout).not.toMatch(/error apply\/|fix:/);
    expect(r.stderr).toMatch(/error apply\/check-failed[\s\S]*fix:.*--ignore-check replicas-in-sync/);
  });
});

describe('a seed passed as a live state', () => {
  it('examples/quickstart/emulator-state.json as --emulator-state: refused with the command that re-dates it, the file untouched', async () => {
    const seed = path.join(ROOT, 'examples', 'quickstart', 'emulator-state.json');
    const before = fs.readFileSync(seed, 'utf8');
    const r = await cli(['plan', path.join(ROOT, 'examples', 'quickstart'), '--emulator-state', seed], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error emulator\/state-is-seed\n\s+.*emulator-state\.json is a seed, not a live emulator state: its clock is not anchored to real time/);
    expect(r.stderr).toMatch(/fix: copy it into a state dated now and rehearse on the copy: ckafka emulator init --seed .*emulator-state\.json --out rehearsal\.json/);
    expect(fs.readFileSync(seed, 'utf8')).toBe(before);

    const init = await cli(['emulator', 'init', '--seed', seed, '--out', 'rehearsal.json'], cwd);
    expect(init.code).toBe(0);
    const plan = await cli(['plan', path.join(ROOT, 'examples', 'quickstart'), '--emulator-state', 'rehearsal.json', '--format', 'json'], cwd);
    expect(plan.code).toBe(0);
    // Dated now, not decades ahead.
    const startsAt = (JSON.parse(plan.stdout) as { instances: Array<{ schedule: { startsAt?: string } }> }).instances.map((i) => i.schedule.startsAt).filter((t): t is string => typeof t === 'string');
    expect(startsAt.length).toBeGreaterThan(0);
    for (const t of startsAt) expect(Math.abs(Date.parse(t) - Date.now())).toBeLessThan(8 * 86_400_000);
  });
});

describe('ckafka emulator init --from-fleet: rehearsing one\u2019s own fleet', () => {
  const fleet = [
    'region: ap-guangzhou',
    'defaults:',
    '  upgrade: { rebalance: now, mode: high-speed }',
    'instances:',
    '  - { name: billing-events, instanceId: ckafka-b1ll1ng0, edition: pro, bandwidthMBps: 300, diskGB: 4000, partitions: 1600 }',
    '  - { name: search-logs, edition: pro, bandwidthMBps: 200, diskGB: 3000, partitions: 1400 }',
    '  - { name: audit-trail, instanceId: ckafka-aud1t000, edition: advanced, bandwidthMBps: 60, diskGB: 800, partitions: 900 }',
    '',
  ].join('\n');

  it('a plan of one\u2019s own fleet against the demo fleet says how to rehearse on it instead', async () => {
    write('fleet/ckafka.yaml', fleet);
    const r = await cli(['plan', 'fleet'], cwd);
    // Ids the cloud does not have are an input error (exit 1); the note says how to rehearse.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('note: 3 declared instances are not in this emulator; to rehearse on your own fleet, write it there: ckafka emulator init --from-fleet fleet --force\n');
    expect((await cli(['emulator', 'init', '--from-fleet', 'fleet', '--force'], cwd)).code).toBe(0);
    const again = await cli(['plan', 'fleet'], cwd);
    expect(again.stderr).not.toContain('note:');
  });

  it('without --current: every instance runs as declared, so the plan has no changes (no "blocked" invented ids)', async () => {
    fs.mkdirSync(path.join(cwd, '.git'));
    write('fleet/ckafka.yaml', fleet);
    const init = await cli(['emulator', 'init', '--from-fleet', 'fleet'], cwd);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^Wrote 3 instances of fleet\/ckafka\.yaml \(billing-events, search-logs, audit-trail\) to \.ckafka\/emulator-state\.json \(the embedded emulator of this project/);
    expect(init.stderr).toMatch(/note: no instanceId declared for search-logs \(given ckafka-[a-z0-9]{8}\): plans find an instance without an id by name/);
    const plan = await cli(['plan', 'fleet', '--format', 'json'], cwd);
    expect(plan.code).toBe(0);
    const p = JSON.parse(plan.stdout) as { summary: { hasChanges: boolean; blocked: number; unchanged: number } };
    expect(p.summary).toMatchObject({ hasChanges: false, blocked: 0, unchanged: 3 });
  });

  it('with --current: the plan shows the declared changes, and apply submits them by billing', async () => {
    write('fleet/ckafka.yaml', fleet);
    write('current.yaml', ['instances:', '  billing-events: { bandwidthMBps: 200, billing: postpaid, diskUsedGB: 1200 }', '  audit-trail: { bandwidthMBps: 40, partitions: 800 }', ''].join('\n'));
    expect((await cli(['emulator', 'init', '--from-fleet', 'fleet', '--current', 'current.yaml', '--out', 'rehearsal.json'], cwd)).code).toBe(0);
    const plan = await cli(['plan', 'fleet', '--emulator-state', 'rehearsal.json', '--out', 'plan.json', '--format', 'json'], cwd);
    expect(plan.code).toBe(0);
    const p = JSON.parse(plan.stdout) as { instances: Array<{ name: string; action: string; changes: Array<{ field: string; from: number; to: number }>; steps: Array<Record<string, unknown>> }> };
    const byName = Object.fromEntries(p.instances.map((i) => [i.name, i]));
    expect(byName['billing-events']).toMatchObject({ action: 'upgrade', changes: [{ field: 'bandwidthMBps', from: 200, to: 300 }] });
    expect(byName['billing-events']?.steps).toContainEqual(expect.objectContaining({ kind: 'change-spec', bandwidthMBps: 300 }));
    expect(byName['audit-trail']).toMatchObject({ action: 'upgrade', changes: [{ field: 'bandwidthMBps', from: 40, to: 60 }, { field: 'partitions', from: 800, to: 900 }] });
    expect(byName['audit-trail']?.steps).toContainEqual(expect.objectContaining({ kind: 'change-spec', bandwidthMBps: 60, partitions: 900 }));
    // The text plan shows each as the call its billing takes.
    const text = (await cli(['plan', 'fleet', '--emulator-state', 'rehearsal.json'], cwd)).stdout;
    expect(text).toMatch(/InstanceScalingDown InstanceId=\S+ BandWidth=300/);
    expect(text).toMatch(/ModifyInstancePre InstanceId=\S+ BandWidth=60/);
    expect(byName['search-logs']).toMatchObject({ action: 'none' });

    const apply = await cli(['apply', 'plan.json', '--emulator-state', 'rehearsal.json', '--poll-interval', '10m'], cwd);
    expect(apply.stdout).toContain('Apply: 2 done, 1 unchanged.');
    expect(apply.code).toBe(0);
    const again = await cli(['plan', 'fleet', '--emulator-state', 'rehearsal.json', '--format', 'json'], cwd);
    expect(JSON.parse(again.stdout).summary.hasChanges).toBe(false);
  });

  it('a --current naming an unknown instance or an impossible spec: issues with the file and line', async () => {
    write('fleet/ckafka.yaml', fleet);
    write('current.yaml', ['instances:', '  billing-event: { bandwidthMBps: 200 }', '  audit-trail: { bandwidthMBps: 70, colour: red }', '  search-logs: { bandwidthMBps: 7 }', ''].join('\n'));
    const r = await cli(['emulator', 'init', '--from-fleet', 'fleet', '--current', 'current.yaml'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error spec\/unknown-key\s+current\.yaml:3:\d+\s+instances\.audit-trail\.colour/);
    expect(r.stderr).toMatch(/error cli\/unsupported-input\s+current\.yaml:2:\d+\s+instances\.billing-event\n\s+the fleet declares no instance named "billing-event"\n\s+fix: did you mean billing-events\?/);
    // A running value off the sale step is possible (real instances hold them); one below the minimum is not.
    expect(r.stderr).toMatch(/error spec\/below-minimum\s+current\.yaml:4:\d+\s+instances\.search-logs\.bandwidthMBps/);
    expect(fs.existsSync(path.join(cwd, '.ckafka'))).toBe(false);
  });

  it('a --current holding more data than the disk: an issue at its line, nothing written', async () => {
    write('fleet/ckafka.yaml', fleet);
    write('current.yaml', ['instances:', '  search-logs: { diskGB: 2000, diskUsedGB: 2500 }', ''].join('\n'));
    const r = await cli(['emulator', 'init', '--from-fleet', 'fleet', '--current', 'current.yaml'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error spec\/invalid-value\s+current\.yaml:2:\d+\s+instances\.search-logs\.diskUsedGB\n\s+2500 GB of data does not fit the 2000 GB disk running now/);
    expect(fs.existsSync(path.join(cwd, '.ckafka'))).toBe(false);
  });

  it('does not replace an existing state unless --force', async () => {
    write('fleet/ckafka.yaml', fleet);
    expect((await cli(['emulator', 'init', '--from-fleet', 'fleet'], cwd)).code).toBe(0);
    const again = await cli(['emulator', 'init', '--from-fleet', 'fleet'], cwd);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error emulator\/state-exists[\s\S]*fix: pass --force to replace it/);
    expect((await cli(['emulator', 'init', '--from-fleet', 'fleet', '--force'], cwd)).code).toBe(0);
  });
});

describe('the embedded state is the project\u2019s, whatever the working folder', () => {
  it('plan from a subfolder uses .ckafka at the git root, and the stderr line names that file', async () => {
    fs.mkdirSync(path.join(cwd, '.git'));
    write('infra/fleet/ckafka.yaml', fleetYaml({ payments: { bw: 160 } }));
    await writeSeedState(path.join(cwd, '.ckafka', 'emulator-state.json'), (s) => {
      const p = s.instances.find((i) => i.instanceId === SEED.payments.id);
      if (p) p.bandwidthMBps = 160;
    });
    const sub = path.join(cwd, 'docs', 'notes');
    fs.mkdirSync(sub, { recursive: true });
    const r = await cli(['plan', path.join('..', '..', 'infra', 'fleet'), '--format', 'json'], sub);
    expect(r.stderr).toBe(`No Tencent Cloud credentials (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY): using the embedded CKafka emulator (ap-guangzhou, state ${path.join('..', '..', '.ckafka', 'emulator-state.json')}).\n`);
    // The state at the root already runs 160 MB/s: no change.
    expect(JSON.parse(r.stdout).summary.hasChanges).toBe(false);
    expect(fs.existsSync(path.join(sub, '.ckafka'))).toBe(false);
  });

  it('outside git: the working folder, as before', async () => {
    write('ckafka.yaml', fleetYaml({ payments: {} }));
    const r = await cli(['plan'], cwd);
    expect(r.stderr).toContain(`state ${path.join('.ckafka', 'emulator-state.json')}, created from the built-in seed`);
    expect(fs.existsSync(path.join(cwd, '.ckafka', 'emulator-state.json'))).toBe(true);
  });
});

describe('watchParent (ckafka emulator serve stops when npm/npx is gone)', () => {
  it('calls back once when the parent pid changes, never while it stays', () => {
    jest.useFakeTimers();
    try {
      let ppid = 4242;
      const gone = jest.fn();
      const stop = watchParent(gone, 500, () => ppid);
      jest.advanceTimersByTime(5000);
      expect(gone).not.toHaveBeenCalled();
      ppid = 1;
      jest.advanceTimersByTime(500);
      expect(gone).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(5000);
      expect(gone).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('started directly under init: nothing to watch', () => {
    const gone = jest.fn();
    watchParent(gone, 10, () => 1)();
    expect(gone).not.toHaveBeenCalled();
  });
});
