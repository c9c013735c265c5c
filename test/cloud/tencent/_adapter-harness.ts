/**
 * The Tencent adapter end to end: the real SDK (tencentcloud-sdk-nodejs-ckafka) over HTTP to a
 * fake CKafka endpoint on 127.0.0.1, with a virtual clock so retries, rate limits and
 * re-observation delays never wait for real. `useAdapterHarness()` starts a fresh server and clock
 * for each test of the file that calls it, and closes every adapter it made after each.
 */
import * as http from 'http';
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { createSdkTransport, type CkafkaTransport } from '../../../src/cloud/tencent/sdk-transport';
import { TencentCkafkaCloud, type TencentCloudOptions } from '../../../src/cloud/tencent/tencent-ckafka-cloud';
import { VirtualClock } from '../resilience/virtual-clock';
import { FakeCkafkaServer } from './fake-ckafka-server';
import { describeInstancesDetail } from './fixtures';

export const SECRET_ID = 'AKIDtestSecretIdEXAMPLE0000000000000';
export const SECRET_KEY = 'sk-ZETA-9f3c-TOP-SECRET-key-for-tests';
export const REGION = 'ap-guangzhou';

/** A prepaid change of the default instance (fixtures.ts: `anInstanceDetail`). */
export const prepaidChange = { instanceId: 'ckafka-abc12345', bandwidthMBps: 800, diskGB: 9000, partitions: 2600, mode: 'stable' } as const;

export interface AdapterHarness {
  /** This test's fake endpoint (a test that closes it starts another in its place). */
  server: FakeCkafkaServer;
  /** This test's virtual clock. */
  readonly clock: VirtualClock;
  /** An adapter on this test's server and clock, closed after the test. */
  makeCloud(overrides?: Partial<TencentCloudOptions>): TencentCkafkaCloud;
  /**
   * The real SDK transport, recording the virtual time each action is sent at. (The fake server
   * cannot tell: under a virtual clock, real network time does not pass in step.)
   */
  timedTransport(sent: Record<string, number[]>): CkafkaTransport;
  /** A mutable set of instances behind DescribeInstancesDetail. */
  withInstances(...details: M.InstanceDetail[]): Map<string, M.InstanceDetail>;
}

/**
 * Registers the per-test server, clock and clean-up; `defaults` are options every adapter of the
 * file is made with (before a call's own overrides).
 */
export function useAdapterHarness(defaults: () => Partial<TencentCloudOptions> = () => ({})): AdapterHarness {
  const clouds: TencentCkafkaCloud[] = [];
  let server: FakeCkafkaServer | undefined;
  let clock = new VirtualClock();
  const current = (): FakeCkafkaServer => {
    if (server === undefined) throw new Error('the fake CKafka server runs only inside a test');
    return server;
  };

  beforeEach(async () => {
    server = await FakeCkafkaServer.start();
    clock = new VirtualClock();
  });

  afterEach(async () => {
    for (const c of clouds.splice(0)) await c.close();
    await current().close();
  });

  return {
    get server() {
      return current();
    },
    set server(s: FakeCkafkaServer) {
      server = s;
    },
    get clock() {
      return clock;
    },
    makeCloud(overrides = {}) {
      const cloud = new TencentCkafkaCloud({
        region: REGION,
        credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
        endpoint: current().endpoint,
        clock,
        random: () => 0.5,
        reobserveDelayMs: 2000,
        requestTimeoutSeconds: 5,
        ...defaults(),
        ...overrides,
      });
      clouds.push(cloud);
      return cloud;
    },
    timedTransport(sent) {
      const inner = createSdkTransport({
        region: REGION,
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        endpoint: new URL(current().endpoint).host,
        protocol: 'http://',
        reqTimeoutSeconds: 5,
        agent: new http.Agent({ keepAlive: true }),
        language: 'en-US',
      });
      return {
        request(action, params, signal) {
          (sent[action] ??= []).push(clock.nowMs());
          return inner.request(action, params, signal);
        },
        close: () => inner.close(),
      };
    },
    withInstances(...details) {
      const store = new Map(details.map((d) => [d.InstanceId ?? '', d]));
      current().on('DescribeInstancesDetail', describeInstancesDetail(() => [...store.values()]));
      return store;
    },
  };
}

/** Gaps between consecutive times, sorted. */
export function gaps(times: readonly number[] = []): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => t - (sorted[i] ?? 0));
}
