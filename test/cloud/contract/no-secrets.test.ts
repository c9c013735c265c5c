/**
 * No secret in any output or error: with a distinctive fake SecretId, SecretKey and session
 * token, every error the Tencent adapter raises against the HTTP emulator (signature refused,
 * unknown key id, throttling, 5xx, dropped connections, lost writes, a server that is gone) has
 * none of them in `message`, `String(e)`, `JSON.stringify(e)`, `util.inspect(e)` or `stack`;
 * nor do the call events, the preflight fact errors or the statistics.
 */
import * as util from 'node:util';
import { createEmulator, createManualClock, startEmulatorServer, type Emulator, type EmulatorServer } from '../../../src/cloud/emulator';
import { CloudError, type SpecChangeRequest } from '../../../src/cloud/port';
import { createTencentCloud } from '../../../src/cloud/tencent';
import type { TencentCredentials, TencentCallEvent, TencentCkafkaCloud } from '../../../src/cloud/tencent';
import { IDS, REGION, T0, followingClock, seedState } from './_fronts';

const SECRET_ID = 'AKIDcontractNEVERprintTHISid00000000';
const SECRET_KEY = 'sk-contract-NEVER-print-this-key-7f3a9c';
const SESSION_TOKEN = 'tok-contract-NEVER-print-this-token-51be';
/** A wrong key is a secret too: it is someone's key. */
const WRONG_KEY = 'sk-contract-NEVER-print-the-wrong-key-0d4e';
const OTHER_ID = 'AKIDcontractNEVERprintOTHERid0000000';
const SECRETS = [SECRET_ID, SECRET_KEY, SESSION_TOKEN, WRONG_KEY, OTHER_ID];

const ORDERS_UP: SpecChangeRequest = { instanceId: IDS.orders, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' };

describe('no secret in any output or error of the Tencent adapter against the HTTP emulator', () => {
  let em: Emulator;
  let server: EmulatorServer;
  const clouds: TencentCkafkaCloud[] = [];
  const outputs: string[] = [];
  const events: TencentCallEvent[] = [];

  beforeEach(async () => {
    const clock = createManualClock(T0);
    em = createEmulator({ state: seedState(), clock, faults: { rateLimitsEnabled: false } });
    server = await startEmulatorServer({ emulator: em, port: 0, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY } });
    outputs.length = 0;
    events.length = 0;
  });
  afterEach(async () => {
    for (const c of clouds.splice(0)) await c.close();
    await server.close();
    await em.close();
  });

  function cloud(credentials: TencentCredentials = { secretId: SECRET_ID, secretKey: SECRET_KEY, token: SESSION_TOKEN }): TencentCkafkaCloud {
    const c = createTencentCloud({
      region: REGION,
      credentials,
      endpoint: server.url,
      clock: followingClock(em.clock),
      retry: { maxAttempts: 3 },
      requestTimeoutSeconds: 5,
      onCall: (e) => events.push(e),
    });
    clouds.push(c);
    return c;
  }

  async function faults(f: Record<string, unknown>): Promise<void> {
    await em.update((s) => {
      Object.assign(s.faults, { throttleRate: 0, errorRate: 0, dropRate: 0, dropAfterRate: 0, actions: [] }, f);
    });
  }

  /** Runs `fn`, which must fail with a CloudError, and keeps every printable form of the error. */
  async function capture(fn: () => Promise<unknown>): Promise<CloudError> {
    try {
      await fn();
    } catch (e) {
      outputs.push((e as Error).message, String(e), JSON.stringify(e), util.inspect(e, { depth: 10, showHidden: true }), (e as Error).stack ?? '');
      if (!CloudError.isCloudError(e)) throw e;
      return e;
    }
    throw new Error('expected a failure');
  }

  function expectNoSecret(): void {
    const text = [...outputs, JSON.stringify(events)].join('\n');
    // The forms really were captured, and the secrets really were in use (the server verified them).
    expect(text.length).toBeGreaterThan(2000);
    for (const s of SECRETS) expect(text).not.toContain(s);
  }

  it('API errors: signature refused, unknown key id, throttled, 5xx, dropped connections, a change in use, lost writes', async () => {
    const good = cloud();
    // The key pair works: the server checks every signature.
    expect(await good.describeInstances({ ids: [IDS.orders] })).toHaveLength(1);

    const codes: string[] = [];
    const record = async (fn: () => Promise<unknown>) => codes.push((await capture(fn)).code);

    await record(() => cloud({ secretId: SECRET_ID, secretKey: WRONG_KEY, token: SESSION_TOKEN }).describeInstances({ all: true }));
    await record(() => cloud({ secretId: OTHER_ID, secretKey: SECRET_KEY }).assessMigration(IDS.orders, { edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 }));
    await record(() => cloud({ secretId: SECRET_ID, secretKey: WRONG_KEY }).submitSpecChange(ORDERS_UP));

    await faults({ throttleRate: 1 });
    await record(() => good.describeInstances({ ids: [IDS.orders] }));
    await record(() => good.submitSpecChange(ORDERS_UP));
    await faults({ errorRate: 1 });
    await record(() => good.quote({ edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600, chargeType: 'PREPAID', diskType: 'CLOUD_PREMIUM', zoneId: 100003 }));
    await record(() => good.submitSpecChange(ORDERS_UP));
    await faults({ dropRate: 1 });
    await record(() => good.describeInstances({ all: true }));
    await faults({ dropRate: 1, actions: ['ModifyInstancePre'] });
    await record(() => good.submitSpecChange(ORDERS_UP));
    await faults({});
    await good.submitSpecChange(ORDERS_UP);
    await record(() => good.submitSpecChange({ ...ORDERS_UP, bandwidthMBps: 400, diskGB: 4000, partitions: 2000 }));
    await record(() => good.retimeRebalance(IDS.payments, new Date(T0.getTime() + 3600_000)));

    expect(codes).toEqual([
      'AuthFailure.SignatureFailure',
      'AuthFailure.SecretIdNotFound',
      'AuthFailure.SignatureFailure',
      'RequestLimitExceeded',
      'RequestLimitExceeded',
      'ClientError.HttpStatusCodeError',
      'ClientError.OutcomeUnknown', // 5xx, re-observation failed too
      'ClientError.NetworkError',
      'ClientError.OutcomeUnknown', // dropped twice before being applied
      'FailedOperation', // a change in use (ModifyInstancePre lists no ResourceInUse)
      'FailedOperation',
    ]);

    // Preflight facts that cannot be read carry their errors inside the result.
    await faults({ errorRate: 1, actions: ['DescribeInstanceAttributes', 'DescribeCkafkaZone', 'DescribeTopicFlowRanking'] });
    const [observed] = await good.describeInstances({ ids: [IDS.audit] });
    const facts = await good.preflight(observed as NonNullable<typeof observed>);
    expect(facts.errors?.map((e) => e.fact)).toEqual(expect.arrayContaining(['maxMessageBytes', 'zoneInStock', 'diskUsedGB', 'produceMBps']));
    outputs.push(JSON.stringify(facts), util.inspect(facts, { depth: 10 }), ...clouds.map((c) => JSON.stringify(c.stats())));

    expect(events.some((e) => !e.ok && e.code === 'AuthFailure.SignatureFailure')).toBe(true);
    expectNoSecret();
  });

  it('network errors after the server has closed, for reads and for writes', async () => {
    const c = cloud();
    expect(await c.describeInstances({ ids: [IDS.payments] })).toHaveLength(1);
    await server.close();
    const read = await capture(() => c.describeInstances({ ids: [IDS.payments] }));
    const write = await capture(() => c.submitSpecChange({ ...ORDERS_UP, instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }));
    const create = await capture(() => c.createInstance({ name: 'gone', edition: 'pro', chargeType: 'POSTPAID_BY_HOUR', bandwidthMBps: 40, diskGB: 500, partitions: 800, zoneId: 100004, vpcId: 'vpc-6b2g8c1d', subnetId: 'subnet-3k9f2w7q' }));
    expect([read.kind, read.code]).toEqual(['network', 'ClientError.NetworkError']);
    expect([write.kind, write.code]).toEqual(['outcome-unknown', 'ClientError.OutcomeUnknown']);
    expect(create.kind).toBe('network');
    outputs.push(JSON.stringify(c.stats()));
    expectNoSecret();
  });
});
