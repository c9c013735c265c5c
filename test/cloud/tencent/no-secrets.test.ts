/**
 * No credential ever appears in what the adapter lets out: thrown errors (message, String(),
 * JSON, util.inspect, stack), call events (the log hook), preflight fact errors and statistics,
 * even when the far end echoes the credentials back in every way it can.
 */
import * as net from 'net';
import * as util from 'util';
import { CloudError } from '../../../src/cloud/port';
import { mapInstanceDetail } from '../../../src/cloud/tencent/mapping';
import { createTencentCloud, type TencentCallEvent } from '../../../src/cloud/tencent/tencent-ckafka-cloud';
import { tencentConfigFromEnv } from '../../../src/cloud/tencent/tencent-config-from-env';
import { VirtualClock } from '../resilience/virtual-clock';
import { useAdapterHarness } from './_adapter-harness';
import { anInstanceDetail, describeInstancesDetail } from './fixtures';

const SECRET_ID = 'AKIDneverPrintThisIdEXAMPLE0000000000';
const SECRET_KEY = 'sk-NEVER-PRINT-8f2e1d-c0ffee-secret-key';
const SESSION_TOKEN = 'tok-NEVER-PRINT-77aa-session-token-value';
const PROXY_PASSWORD = 'pw-NEVER-PRINT-proxy-0042';

const outputs: string[] = [];
const events: TencentCallEvent[] = [];

const h = useAdapterHarness(() => ({
  credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: SESSION_TOKEN },
  clock: new VirtualClock(),
  random: Math.random,
  reobserveDelayMs: 0,
  requestTimeoutSeconds: 0.3,
  retry: { maxAttempts: 2 },
  onCall: (e) => events.push(e),
}));
const { makeCloud } = h;

beforeEach(() => {
  outputs.length = 0;
  events.length = 0;
});

/** Runs `fn`, which must throw, and keeps every printable form of the error. */
async function capture(fn: () => Promise<unknown> | unknown): Promise<CloudError> {
  try {
    await fn();
  } catch (e) {
    outputs.push((e as Error).message, String(e), JSON.stringify(e), util.inspect(e, { depth: 10, showHidden: true }), (e as Error).stack ?? '');
    expect(CloudError.isCloudError(e)).toBe(true);
    return e as CloudError;
  }
  throw new Error('expected a failure');
}

/** Everything sent as credentials: the configured values and each request's signature and Authorization header. */
function secrets(): string[] {
  const sent = h.server.requests.flatMap((r) => {
    const auth = String(r.headers.authorization ?? '');
    const signature = /Signature=([0-9a-f]+)/.exec(auth)?.[1];
    return [auth, ...(signature === undefined ? [] : [signature])];
  });
  return [SECRET_ID, SECRET_KEY, SESSION_TOKEN, PROXY_PASSWORD, ...sent.filter((s) => s !== '')];
}

/** Whether DescribeInstancesDetail lists the two instances instead of refusing with an echo. */
let listing = false;
const LISTED = [anInstanceDetail(), anInstanceDetail({ InstanceId: 'ckafka-post0001', ExpireTime: 0 })];

/** A server that echoes every credential it was sent. */
function echoingServer(): void {
  listing = false;
  const list = describeInstancesDetail(() => LISTED);
  const echo = (req: { headers: Record<string, unknown> }): string =>
    `denied: Authorization: ${String(req.headers.authorization)} ; token=${String(req.headers['x-tc-token'])} ; key ${SECRET_KEY} ; "${SESSION_TOKEN}" ; see http://admin:${PROXY_PASSWORD}@gw.example/`;
  h.server
    .on('DescribeInstancesDetail', (req) => (listing ? list(req) : { error: { code: 'AuthFailure.SignatureFailure', message: echo(req) } }))
    .on('DescribeModifyType', (req) => ({ error: { code: 'InternalError', message: echo(req) } }))
    .on('InquireCkafkaPrice', () => ({ status: 500, statusText: `Bad key ${SECRET_KEY}` }))
    .on('ModifyInstancePre', () => ({ ok: { Result: { ReturnCode: '7', ReturnMessage: `refused for ${SECRET_KEY} / ${SESSION_TOKEN}` } } }))
    .on('InstanceScalingDown', () => ({ drop: true }))
    .on('DescribeRoute', () => ({ ok: { Result: { Routers: [] } } }))
    .on('DescribeTopicDetail', () => ({ ok: { Result: { TotalCount: 0, TopicList: [] } } }))
    .on('DescribeInstanceAttributes', (req) => ({ error: { code: 'UnauthorizedOperation', message: echo(req) } }))
    .on('DescribeCkafkaZone', (req) => ({ error: { code: 'FailedOperation', message: echo(req) } }))
    .on('DescribeTopicFlowRanking', () => ({ delayMs: 2000, then: { ok: { Result: {} } } }))
    .on('ModifyInstanceAttributes', (req) => ({ error: { code: 'InvalidParameterValue', message: echo(req) } }));
}

function expectNoSecret(): void {
  const text = [...outputs, JSON.stringify(events)].join('\n');
  expect(text.length).toBeGreaterThan(1000); // the forms really were captured
  for (const s of secrets()) expect(text).not.toContain(s);
}

describe('no secret in any error, string form or log', () => {
  it('across API errors, HTTP errors, dropped connections, timeouts and lost writes', async () => {
    echoingServer();
    const cloud = makeCloud();
    const instance = mapInstanceDetail(anInstanceDetail());
    const errors = [
      await capture(() => cloud.describeInstances({ ids: ['ckafka-abc12345'] })),
      await capture(() => cloud.describeInstances({ all: true })),
      await capture(() => cloud.assessMigration('ckafka-abc12345', { edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600 })),
      await capture(() =>
        cloud.quote({ edition: 'pro', bandwidthMBps: 800, diskGB: 9000, partitions: 2600, chargeType: 'PREPAID', diskType: 'CLOUD_SSD', zoneId: 1 }),
      ),
      // Observed once (the adapter reads each one's billing), then every listing is refused again.
      await (async () => {
        listing = true;
        await cloud.describeInstances({ ids: LISTED.map((d) => d.InstanceId ?? '') });
        listing = false;
        return capture(() => cloud.submitSpecChange({ instanceId: 'ckafka-abc12345', bandwidthMBps: 800, diskGB: 9000, partitions: 2600, mode: 'stable' }));
      })(),
      // Postpaid: lost answer, then re-observation fails with an echoing auth error.
      await capture(() =>
        cloud.submitSpecChange({ instanceId: 'ckafka-post0001', bandwidthMBps: 800, diskGB: 9000, partitions: 2600, mode: 'high-speed' }),
      ),
      await capture(() => cloud.retimeRebalance('ckafka-abc12345', new Date('2026-06-06T18:00:00Z'))),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      'AuthFailure.SignatureFailure',
      'AuthFailure.SignatureFailure',
      'AuthFailure.SignatureFailure', // assessMigration had to observe the instance first
      'ClientError.HttpStatusCodeError',
      'FailedOperation',
      'ClientError.OutcomeUnknown',
      'InvalidParameterValue',
    ]);

    // Preflight: its optional facts fail with echoing errors, and one times out.
    const facts = await cloud.preflight(instance);
    expect(facts.errors?.map((e) => e.fact)).toEqual(expect.arrayContaining(['maxMessageBytes', 'zoneInStock', 'diskUsedGB']));
    outputs.push(JSON.stringify(facts), util.inspect(facts, { depth: 10 }), JSON.stringify(cloud.stats()));

    expect(events.some((e) => e.message?.includes('denied: Authorization: ***') === true)).toBe(true);
    expectNoSecret();
  });

  it('for a proxy with credentials that cannot be reached', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const cloud = makeCloud({ endpoint: 'https://ckafka.example.invalid', proxy: `http://proxyuser:${PROXY_PASSWORD}@127.0.0.1:${port}` });
    const e = await capture(() => cloud.describeInstances({ ids: ['ckafka-x'] }));
    expect(e.kind).toBe('network');
    expectNoSecret();
  });

  it('for bad configuration carrying credentials', async () => {
    await capture(() => createTencentCloud({ region: 'ap-guangzhou', credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: `https://u:${SECRET_KEY}@ckafka.example` }));
    await capture(() => createTencentCloud({ region: 'ap-guangzhou', credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, proxy: `socks5://u:${PROXY_PASSWORD}@p:1` }));
    await capture(() => tencentConfigFromEnv({ CKAFKA_ENDPOINT: `https://u:${SECRET_KEY}@ckafka.example` }));
    await capture(() => tencentConfigFromEnv({ https_proxy: `ftp://u:${PROXY_PASSWORD}@p:1` }));
    await capture(() => createTencentCloud({ region: 'ap-guangzhou', credentials: { secretId: SECRET_ID, secretKey: '' } }));
    outputs.push('x'.repeat(1000)); // these messages are short; the length check is about the API cases
    expectNoSecret();
  });
});
