/** The emulator's HTTP front with injected faults, as the real SDK sees them: throttling, 5xx, dropped connections, rate limits. */
import { startEmulatorServer, createEmulator, createManualClock, createSeedState, type EmulatorServer } from '../../../src/cloud/emulator';
import { IDS, T0, newEmulator } from './_helpers';
import { KEY, post, sdkClient, sdkError, signed } from './_http-client';

const ADD = EventTarget.prototype.addEventListener;
const REMOVE = EventTarget.prototype.removeEventListener;

describe('HTTP front with faults', () => {
  const withServer = async (faults: Record<string, unknown>, fn: (server: EmulatorServer, em: ReturnType<typeof newEmulator>['em']) => Promise<void>) => {
    const { em } = newEmulator({ faults });
    const server = await startEmulatorServer({ emulator: em, credentials: KEY });
    try {
      await fn(server, em);
    } finally {
      await server.close();
    }
  };

  it('throttling is an API error (RequestLimitExceeded, HTTP 200)', async () => {
    await withServer({ throttleRate: 1 }, async (server) => {
      expect((await sdkError(sdkClient(server).DescribeCkafkaZone({}))).code).toBe('RequestLimitExceeded');
    });
  });

  it('5xx answers HTTP 500/503 with a non-JSON body, which the SDK reports by status', async () => {
    await withServer({ errorRate: 1 }, async (server) => {
      const e = await sdkError(sdkClient(server).DescribeCkafkaZone({}));
      expect(e.code).toBeUndefined();
      expect([500, 503]).toContain(e.httpCode);
      const raw = await post(server, signed(server, 'DescribeCkafkaZone', '{}'), '{}');
      expect([500, 503]).toContain(raw.status);
      expect(raw.contentType).toBe('text/html');
      expect(() => JSON.parse(raw.text)).toThrow();
    });
  });

  it('a connection dropped before applying leaves no trace in the state', async () => {
    await withServer({ dropRate: 1, actions: ['InstanceScalingDown'] }, async (server, em) => {
      const e = await sdkError(sdkClient(server).InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 }));
      expect(e.code).toBeUndefined();
      expect(e.httpCode).toBeUndefined();
      expect(em.snapshot().submissions).toEqual([]);
      expect(em.snapshot().instances.find((i) => i.instanceId === IDS.payments)?.status).toBe(1);
    });
  });

  it('a connection dropped after applying loses the answer, not the change', async () => {
    await withServer({ dropAfterRate: 1, actions: ['InstanceScalingDown'] }, async (server, em) => {
      const e = await sdkError(sdkClient(server).InstanceScalingDown({ InstanceId: IDS.payments, BandWidth: 160, UpgradeStrategy: 1 }));
      expect(e.code).toBeUndefined();
      expect(em.snapshot().submissions).toHaveLength(1);
      const seen = await sdkClient(server).DescribeInstancesDetail({ InstanceId: IDS.payments });
      expect(seen.Result?.InstanceList?.[0]?.Status).toBe(7);
    });
  });

  it('added latency leaves no abort listener behind per request (a long-lived server does not leak)', async () => {
    const live = new Set<unknown>();
    const add = jest.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
      if (type === 'abort') live.add(listener);
      return ADD.call(this, type, listener, options);
    });
    const remove = jest.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
      if (type === 'abort') live.delete(listener);
      return REMOVE.call(this, type, listener, options);
    });
    try {
      await withServer({ latencyMs: 1 }, async (server) => {
        for (let i = 0; i < 5; i++) await sdkClient(server).DescribeCkafkaZone({});
        const afterFive = live.size;
        for (let i = 0; i < 20; i++) await sdkClient(server).DescribeCkafkaZone({});
        expect(live.size).toBe(afterFive);
      });
    } finally {
      add.mockRestore();
      remove.mockRestore();
    }
  });

  it('rate-limits HTTP clients per real second', async () => {
    let real = Date.parse('2026-05-01T00:00:00.100Z');
    const clock = createManualClock(T0);
    const em = createEmulator({ state: createSeedState({ now: T0 }), clock, faults: { rateLimits: { DescribeCkafkaZone: 2 } }, realNow: () => real });
    const server = await startEmulatorServer({ emulator: em, credentials: KEY });
    try {
      const client = sdkClient(server);
      const codeOf = () => client.DescribeCkafkaZone({}).then(() => 'ok', (e: { code?: string }) => e.code);
      expect([await codeOf(), await codeOf(), await codeOf()]).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
      // The virtual clock did not move; the real second did.
      real += 1000;
      expect(await codeOf()).toBe('ok');
    } finally {
      await server.close();
    }
  });
});
