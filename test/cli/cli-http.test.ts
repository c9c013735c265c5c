/**
 * `ckafka` (in process) over HTTP through the Tencent Cloud adapter (the official SDK, TC3-signed) against an
 * emulator server started here, with distinctive fake credentials in the environment of every
 * run: plan, apply, plan again, status, auth failures, a plan from another cloud. The runner
 * fails any run that prints a credential; the plan file is scanned too.
 *
 * The server's clock runs 20000× real time, so a migration of hours ends in well under a second
 * while apply polls every 100 ms of real time (the Tencent adapter's clock is the system clock).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmulator, createSeedState, createVirtualClock, startEmulatorServer, type Emulator, type EmulatorServer } from '../../src/cloud/emulator';
import { assertNoSecrets, FAKE_CREDENTIALS } from '../support/fake-credentials';
import { SEED, fleetYaml, statePathIn, tempDir, writeFile, writeSeedState } from '../support/workspace';
import { ckafka } from '../support/run-cli';

let tmp: ReturnType<typeof tempDir>;
let em: Emulator;
let server: EmulatorServer;
let cwd: string;

beforeAll(async () => {
  tmp = tempDir();
  cwd = tmp.dir;
  const state = createSeedState({ now: new Date() });
  em = createEmulator({ state, clock: createVirtualClock({ speed: 20_000 }) });
  server = await startEmulatorServer({
    emulator: em,
    port: 0,
    credentials: { secretId: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_ID, secretKey: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_KEY },
  });
  expect(server.verifiesSignatures).toBe(true);
});
afterAll(async () => {
  await server?.close();
  await em?.close();
  tmp?.cleanup();
});

const env = (overrides: Record<string, string> = {}) => ({ ...FAKE_CREDENTIALS, ...overrides });
const endpoint = () => ['--endpoint', server.url];
const specSubmissions = (id: string) => em.snapshot().submissions.filter((s) => s.instanceId === id && (s.action === 'InstanceScalingDown' || s.action === 'ModifyInstancePre'));

describe('ckafka over HTTP (Tencent adapter, TC3-signed)', () => {
  it('plans, applies and plans again with no changes; the plan file holds no secret', async () => {
    writeFile(path.join(cwd, 'roundtrip', 'ckafka.yaml'), fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 }, 'pulumi-events': { bw: 160, mode: 'high-speed' } }));

    const planned = await ckafka(['plan', 'roundtrip', '--out', 'roundtrip/plan.json', ...endpoint()], { cwd, env: env() });
    expect(planned.code).toBe(0);
    expect(planned.stderr).toMatch(new RegExp(`Using the CKafka API at ${server.url.replace(/\./g, '\\.')}/? \\(ap-guangzhou\\)`));
    expect(planned.stderr).not.toMatch(/embedded/);
    const planText = fs.readFileSync(path.join(cwd, 'roundtrip', 'plan.json'), 'utf8');
    assertNoSecrets(planText, 'plan.json');
    const plan = JSON.parse(planText);
    expect(plan.cloud.kind).toBe('tencent');
    expect(plan.instances.map((p: { action: string }) => p.action)).toEqual(['upgrade', 'upgrade']);

    const applied = await ckafka(['apply', 'roundtrip/plan.json', '--poll-interval', '100ms', ...endpoint()], { cwd, env: env() });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply: 2 done.');
    expect(specSubmissions(SEED['cdktf-clickstream'].id).map((s) => s.params)).toEqual([{ InstanceId: SEED['cdktf-clickstream'].id, BandWidth: 240, DiskSize: 2000, Partition: 1600, UpgradeStrategy: 1 }]);
    expect(specSubmissions(SEED['pulumi-events'].id).map((s) => s.params)).toEqual([{ InstanceId: SEED['pulumi-events'].id, BandWidth: 160, DiskSize: 2000, Partition: 1200, UpgradeStrategy: 2 }]);

    const again = await ckafka(['plan', 'roundtrip', '--detailed-exitcode', '--format', 'json', ...endpoint()], { cwd, env: env() });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).summary.hasChanges).toBe(false);
  });

  it('takes the endpoint from CKAFKA_ENDPOINT too, with a session token set', async () => {
    const r = await ckafka(['status', SEED.payments.id, '--format', 'json'], { cwd, env: env({ CKAFKA_ENDPOINT: server.url, TENCENTCLOUD_REGION: 'ap-guangzhou' }) });
    expect(r.code).toBe(0);
    // Read APIs report Mbps; the CLI shows MB/s.
    expect(JSON.parse(r.stdout).instances[0]).toMatchObject({ instanceId: SEED.payments.id, bandwidthMBps: 120, diskGB: 2000, status: 'running' });
  });

  it('a wrong key is an auth error (exit 1, cloud/auth-failed) that names neither the key nor the id', async () => {
    writeFile(path.join(cwd, 'auth', 'ckafka.yaml'), fleetYaml({ payments: {} }));
    const r = await ckafka(['plan', 'auth', '--format', 'json', ...endpoint()], { cwd, env: env({ TENCENTCLOUD_SECRET_KEY: 'e2eWrongKeySecretKeyMARKERzz' }) });
    expect(r.code).toBe(1);
    const envelope = JSON.parse(r.stdout);
    expect(envelope.error.kind).toBe('cloud');
    expect(envelope.error.issues.map((i: { code: string }) => i.code)).toEqual(['cloud/auth-failed']);
    expect(envelope.error.message).toMatch(/AuthFailure\.SignatureFailure/);
    expect(r.stderr).toMatch(/error cloud\/auth-failed/);
  });

  it('an unknown SecretId is an auth error that does not echo it', async () => {
    const r = await ckafka(['status', ...endpoint(), '--region', 'ap-guangzhou'], { cwd, env: env({ TENCENTCLOUD_SECRET_ID: 'AKIDe2eUnknownSecretIdMARKERyy' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/AuthFailure\.SecretIdNotFound/);
  });

  it('a cloud setting that cannot be used is cloud/config-invalid, naming the variable', async () => {
    const bad = await ckafka(['status', '--region', 'ap-guangzhou'], { cwd, env: env({ CKAFKA_ENDPOINT: 'ftp://x' }) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error cloud\/config-invalid\n\s+CKAFKA_ENDPOINT must be a URL/);
    const remote = await ckafka(['status', '--region', 'ap-guangzhou'], { cwd, env: env({ CKAFKA_WRITE_SETTLE_MS: '100' }) });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/error cloud\/config-invalid\n\s+CKAFKA_WRITE_SETTLE_MS applies only to an endpoint on this machine/);
    // Against the emulator on this machine it is honoured.
    expect((await ckafka(['status', ...endpoint(), '--region', 'ap-guangzhou'], { cwd, env: env({ CKAFKA_WRITE_SETTLE_MS: '100' }) })).code).toBe(0);
  });

  it('an emulator that checks signatures, without credentials: an auth error naming what is missing, on both sides', async () => {
    const r = await ckafka(['status', ...endpoint()], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error cloud\/auth-failed\n\s+the emulator at http:\/\/127\.0\.0\.1:\d+\/ checks signatures \(AuthFailure\.SecretIdNotFound\) and TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set\n\s+fix: set them to the key pair `ckafka emulator serve` was started with/);
    // With a region given there is no DescribeRegion: the first call is refused the same way.
    const withRegion = await ckafka(['status', ...endpoint(), '--region', 'ap-guangzhou'], { cwd });
    expect(withRegion.code).toBe(1);
    expect(withRegion.stderr).toMatch(/error cloud\/auth-failed/);
  });

  it('refuses to apply a plan made on the embedded emulator (apply/wrong-cloud), submitting nothing', async () => {
    const dir = path.join(cwd, 'other-cloud');
    writeFile(path.join(dir, 'ckafka.yaml'), fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    await writeSeedState(statePathIn(dir));
    expect((await ckafka(['plan', '--out', 'plan.json'], { cwd: dir })).code).toBe(0);

    const r = await ckafka(['apply', 'plan.json', ...endpoint()], { cwd: dir, env: env() });

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error apply\/wrong-cloud/);
    expect(r.stderr).toMatch(/the plan was made against emulator \(ap-guangzhou\), but this apply uses tencent \(ap-guangzhou\)/);
    expect(specSubmissions(SEED.payments.id)).toHaveLength(0);
  });
});
