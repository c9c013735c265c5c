/** The Tencent adapter end to end (_adapter-harness.ts): the requests the SDK sends, and how an adapter is constructed. */
import { CloudError } from '../../../src/cloud/port';
import { createTencentCloud } from '../../../src/cloud/tencent/tencent-ckafka-cloud';
import { rejection } from '../../support/rejection';
import { REGION, SECRET_ID, SECRET_KEY, prepaidChange, useAdapterHarness } from './_adapter-harness';
import { anInstanceDetail } from './fixtures';

const h = useAdapterHarness();
const { makeCloud, withInstances } = h;

describe('requests as the SDK sends them', () => {
  it('signs with TC3, sends action, version, region and language headers, and a JSON body', async () => {
    withInstances(anInstanceDetail());
    const cloud = makeCloud({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'sts-session-token-123' } });
    const [observed] = await cloud.describeInstances({ ids: ['ckafka-abc12345'] });
    expect(observed?.bandwidthMBps).toBe(400);
    const [req] = h.server.requests;
    expect(req?.headers['x-tc-action']).toBe('DescribeInstancesDetail');
    expect(req?.headers['x-tc-version']).toBe('2019-08-19');
    expect(req?.region).toBe(REGION);
    expect(req?.headers['x-tc-language']).toBe('en-US');
    expect(req?.headers['x-tc-token']).toBe('sts-session-token-123');
    expect(req?.headers['content-type']).toBe('application/json');
    // An http endpoint on this machine is addressed as ckafka.localhost: the SDK signs as service ckafka.
    expect(req?.headers.authorization).toMatch(new RegExp(`^TC3-HMAC-SHA256 Credential=${SECRET_ID}/\\d{4}-\\d{2}-\\d{2}/ckafka/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`));
    expect(req?.headers.host).toMatch(/^ckafka\.localhost:\d+$/);
    expect(req?.body).toEqual({ InstanceIdList: ['ckafka-abc12345'], Offset: 0, Limit: 20 });
  });

  it('sends a prepaid change as ModifyInstancePre with all three values in MB/s, GB and partitions', async () => {
    withInstances(anInstanceDetail());
    h.server.script('ModifyInstancePre', { ok: { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: ['20260601-deal'] } } } });
    const result = await makeCloud().submitSpecChange(prepaidChange);
    // req-0 is the observation that tells the instance's billing (prepaid: ExpireTime > 0).
    expect(result).toEqual({ requestId: 'req-1', reference: '20260601-deal', acceptedBy: 'response' });
    expect(h.server.calls('ModifyInstancePre')[0]?.rawBody).toBe('{"InstanceId":"ckafka-abc12345","BandWidth":800,"DiskSize":9000,"Partition":2600}');
  });

  it.each([
    ['stable', 1],
    ['high-speed', 2],
  ] as const)('sends a postpaid %s change as InstanceScalingDown with UpgradeStrategy %i', async (mode, strategy) => {
    withInstances(anInstanceDetail({ ExpireTime: 0 }));
    h.server.script('InstanceScalingDown', { ok: { Result: { DealNames: ['d-1'] } } });
    const result = await makeCloud().submitSpecChange({ ...prepaidChange, mode });
    expect(result).toMatchObject({ acceptedBy: 'response', reference: 'd-1' });
    expect(h.server.calls('ModifyInstancePre')).toHaveLength(0);
    expect(h.server.calls('InstanceScalingDown')[0]?.body).toEqual({
      InstanceId: 'ckafka-abc12345',
      UpgradeStrategy: strategy,
      BandWidth: 800,
      DiskSize: 9000,
      Partition: 2600,
    });
  });

  // API point 4 (docs/sources.md): elastic storage (DiskSize -1) has no size to send.
  it('leaves DiskSize out of a change to an instance with elastic storage', async () => {
    withInstances(anInstanceDetail({ ExpireTime: 0, DiskSize: -1 }));
    h.server.script('InstanceScalingDown', { ok: { Result: { DealNames: ['d-1'] } } });
    await makeCloud().submitSpecChange({ ...prepaidChange, mode: 'stable' });
    expect(h.server.calls('InstanceScalingDown')[0]?.body).toEqual({ InstanceId: 'ckafka-abc12345', UpgradeStrategy: 1, BandWidth: 800, Partition: 2600 });
  });

  // API point 2: whether InstanceScalingDown takes increases is unconfirmed; a refusal says what to do.
  it('explains a postpaid increase refused by InstanceScalingDown, keeping its code, and names the console as the fallback', async () => {
    withInstances(anInstanceDetail({ ExpireTime: 0 }));
    h.server.script('InstanceScalingDown', { error: { code: 'FailedOperation', message: 'only scaling down is supported' } });
    const e = await rejection(makeCloud().submitSpecChange({ ...prepaidChange, mode: 'stable' }));
    expect([e.kind, e.code, e.action]).toEqual(['other', 'FailedOperation', 'InstanceScalingDown']);
    expect(e.message).toMatch(/only scaling down is supported.*InstanceScalingDown refused an increase of postpaid instance ckafka-abc12345: the API documents it as downsizing.*nothing was changed. Make the increase in the CKafka console/);
    expect(h.server.calls('InstanceScalingDown')).toHaveLength(1);
  });

  // API point 5: the API keeps a task's time after it ran.
  it('reads a RebalanceTime long before its clock as no scheduled task, a later one as a task, and a recent one as possibly still to come', async () => {
    // The test clock reads 2026-06-01 12:00 UTC (20:00 Beijing).
    withInstances(
      anInstanceDetail({ RebalanceTime: '2023-07-04 10:30:58' }),
      anInstanceDetail({ InstanceId: 'ckafka-abc12346', RebalanceTime: '2026-06-02 01:00:00' }),
      // 14:00 Beijing is 06:00 UTC, passed; read as UTC, 14:00 is still to come.
      anInstanceDetail({ InstanceId: 'ckafka-abc12347', RebalanceTime: '2026-06-01 14:00:00' }),
      // 03:00 Beijing is 19:00 UTC the day before: passed under either reading.
      anInstanceDetail({ InstanceId: 'ckafka-abc12348', RebalanceTime: '2026-06-01 03:00:00' }),
    );
    const [past, future, recent, older] = await makeCloud().describeInstances({ ids: ['ckafka-abc12345', 'ckafka-abc12346', 'ckafka-abc12347', 'ckafka-abc12348'] });
    expect(past?.rebalanceAt).toBeUndefined();
    expect(future?.rebalanceAt).toBe('2026-06-01T17:00:00.000Z');
    expect(recent?.rebalanceAt).toBe('2026-06-01T06:00:00.000Z');
    expect(older?.rebalanceAt).toBeUndefined();
  });

  it('never uses http_proxy from the environment for a loopback endpoint', async () => {
    withInstances(anInstanceDetail());
    const saved = process.env.http_proxy;
    // A proxy that does not exist: the SDK's own default would send the request there and fail.
    process.env.http_proxy = 'http://127.0.0.1:9';
    try {
      const found = await makeCloud().describeInstances({ ids: ['ckafka-abc12345'] });
      expect(found).toHaveLength(1);
      expect(h.server.requests).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.http_proxy;
      else process.env.http_proxy = saved;
    }
  });
});

describe('construction', () => {
  it.each<[string, Parameters<typeof createTencentCloud>[0], string]>([
    ['no region', { credentials: { secretId: 'a', secretKey: 'b' } }, 'ClientError.RegionMissing'],
    ['a blank region', { region: '  ', credentials: { secretId: 'a', secretKey: 'b' } }, 'ClientError.RegionMissing'],
    ['no credentials', { region: REGION }, 'ClientError.CredentialsMissing'],
    ['an empty secret key', { region: REGION, credentials: { secretId: 'a', secretKey: '' } }, 'ClientError.CredentialsMissing'],
    ['a bad concurrency', { region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, concurrency: 0 }, 'ClientError.InvalidOption'],
    ['a bad timeout', { region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, requestTimeoutSeconds: -1 }, 'ClientError.InvalidOption'],
    ['a bad endpoint', { region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, endpoint: 'ftp://x' }, 'ClientError.InvalidEndpoint'],
  ])('refuses %s with %s', (_name, init, code) => {
    expect(() => createTencentCloud(init)).toThrow(CloudError);
    try {
      createTencentCloud(init);
    } catch (e) {
      expect((e as CloudError).code).toBe(code);
    }
  });

  it('loads the SDK when an adapter is created, not when the module is imported', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('tencentcloud-sdk-nodejs-ckafka', () => {
        loads += 1;
        return jest.requireActual('tencentcloud-sdk-nodejs-ckafka');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require('../../../src/cloud/tencent') as typeof import('../../../src/cloud/tencent');
      expect(loads).toBe(0);
      const cloud = mod.createTencentCloud({ region: REGION, credentials: { secretId: 'a', secretKey: 'b' }, endpoint: h.server.endpoint });
      expect(loads).toBe(1);
      void cloud.close();
    });
  });

  it('is created from explicit options, defaulting to the public endpoint', async () => {
    const cloud = createTencentCloud({ region: REGION, credentials: { secretId: 'a', secretKey: 'b' } });
    expect([cloud.kind, cloud.region, cloud.endpoint.url]).toEqual(['tencent', REGION, 'https://ckafka.tencentcloudapi.com/']);
    await cloud.close();
  });
});
