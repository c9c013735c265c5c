/** Which cloud the dynamic provider talks to: a factory called per operation, or one chosen from config and the environment. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { createEmulator, createManualClock, createSeedState } from '../../src/cloud/emulator';
import { CkafkaProvider, readProviderConfig, selectProviderCloud, type CkafkaProviderOptions } from '../../src/pulumi';
import { ORDERS, T0, adopt, failure, ordersInputs } from './_provider-harness';

describe('a cloud factory', () => {
  it('is called for each operation, and each client it returns is closed after it', async () => {
    const clock = createManualClock(T0);
    const em = createEmulator({ state: createSeedState({ now: T0 }), clock, faults: { rateLimitsEnabled: false } });
    const closed: boolean[] = [];
    const provider = new CkafkaProvider({
      cloud: () => {
        const cloud = createEmulatedCloud(em);
        const index = closed.push(false) - 1;
        const close = async (): Promise<void> => void (closed[index] = true);
        return new Proxy(cloud, { get: (target, key) => (key === 'close' ? close : Reflect.get(target, key)) });
      },
      logger: { info: () => undefined, warn: () => undefined },
    });
    const outs = await adopt(provider, ordersInputs());
    await provider.diff(ORDERS, outs, ordersInputs());
    await provider.read(ORDERS, outs);
    expect(closed).toEqual([true, true, true]);
  });
});

describe('choosing the cloud without an explicit client', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ckafka-provider-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function quiet(options: Omit<CkafkaProviderOptions, 'logger'>): { provider: CkafkaProvider; logs: string[] } {
    const logs: string[] = [];
    return { provider: new CkafkaProvider({ ...options, logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) } }), logs };
  }

  it('fails without credentials, and uses the embedded emulator on .ckafka/emulator-state.json, seeded on first use, when chosen on purpose', async () => {
    const missing = quiet({ env: {}, cwd: dir });
    expect((await failure(missing.provider.read(ORDERS, undefined))).code).toBe('cloud/credentials-missing');
    expect(existsSync(join(dir, '.ckafka'))).toBe(false);

    const { provider, logs } = quiet({ env: { CKAFKA_EMULATOR: '1' }, cwd: dir });
    const r = await provider.read(ORDERS, undefined);
    expect(r.props).toMatchObject({ instanceId: ORDERS, name: 'orders', cloud: 'emulator' });
    expect(existsSync(join(dir, '.ckafka', 'emulator-state.json'))).toBe(true);
    expect(logs).toEqual([expect.stringMatching(/^ckafka: the embedded CKafka emulator \(ap-guangzhou, state \.ckafka\/emulator-state\.json, created from the built-in seed\)$/)]);
    // Said once per provider, and the state is reused.
    await provider.read(ORDERS, undefined);
    expect(logs).toHaveLength(1);
  });

  it('refuses an endpoint without credentials, and credentials without a region, never printing a secret', async () => {
    // An endpoint off this machine (an emulator on it is signed with a placeholder key).
    const noCredentials = quiet({ env: { CKAFKA_ENDPOINT: 'https://ckafka.internal.example' }, cwd: dir });
    const e1 = await failure(noCredentials.provider.read(ORDERS, undefined));
    expect(e1.code).toBe('cloud/auth-failed');
    const secret = 'k3y-that-must-not-leak';
    const noRegion = quiet({ env: { TENCENTCLOUD_SECRET_ID: 'AKIDexampleexample01', TENCENTCLOUD_SECRET_KEY: secret }, cwd: dir });
    const e2 = await failure(noRegion.provider.read(ORDERS, undefined));
    expect(e2.code).toBe('cloud/region-missing');
    for (const text of [e1.message, e2.message, ...noCredentials.logs, ...noRegion.logs]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('AKIDexample');
    }
  });

  it('reads the endpoint and the emulator state from ckafka:* config', async () => {
    const { provider } = quiet({ env: { TENCENTCLOUD_REGION: 'ap-guangzhou' }, cwd: dir });
    await provider.configure({ config: { get: (k) => ({ 'ckafka:endpoint': 'https://ckafka.internal.example' })[k], require: () => '' } });
    // An endpoint from config and no credentials anywhere: refused, as the CLI does.
    expect((await failure(provider.read(ORDERS, undefined))).code).toBe('cloud/auth-failed');
    await provider.configure({ config: { get: (k) => ({ 'ckafka:emulatorState': join(dir, 'cfg.json') })[k], require: () => '' } });
    expect((await provider.read(ORDERS, undefined)).props).toMatchObject({ cloud: 'emulator' });
    expect(existsSync(join(dir, 'cfg.json'))).toBe(true);
  });

  it('takes credentials from secret config over the environment, and names the cloud without them', async () => {
    const settings = readProviderConfig({ get: (k) => ({ 'ckafka:secretId': 'AKIDfromconfig000001', 'ckafka:secretKey': 'config-secret-key', 'ckafka:region': ' ' })[k] });
    expect(settings).toEqual({ secretId: 'AKIDfromconfig000001', secretKey: 'config-secret-key' });
    const selected = await selectProviderCloud({ ...settings, region: 'ap-shanghai' }, { env: {}, cwd: dir });
    try {
      expect(selected.cloud.kind).toBe('tencent');
      expect(selected.description).toBe('Tencent Cloud (ap-shanghai)');
    } finally {
      await selected.close();
    }
  });

  it('never falls back to the emulator without credentials: a missing secret fails, naming how to choose the emulator on purpose', async () => {
    const e = await failure(selectProviderCloud({}, { env: {}, cwd: dir }));
    expect(e?.code).toBe('cloud/credentials-missing');
    expect(e?.message).toMatch(/TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set/);
    expect(e?.message).toContain('ckafka:emulator true');
    expect(existsSync(join(dir, '.ckafka'))).toBe(false);
    for (const chosen of [selectProviderCloud({ emulator: 'true' }, { env: {}, cwd: dir }), selectProviderCloud({}, { env: { CKAFKA_EMULATOR: '1' }, cwd: dir })]) {
      const opened = await chosen;
      await opened.close();
      expect(opened.cloud.kind).toBe('emulator');
    }
  });
});
