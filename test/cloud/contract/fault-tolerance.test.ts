/**
 * Fault tolerance of the Tencent adapter against the HTTP emulator: with 30 % of requests
 * throttled and 5 % answered HTTP 5xx, reads and plans come out exactly as on a fault-free
 * emulator; and spec changes submitted under faults, including connections dropped after the
 * write was applied, are each accepted exactly once and reach their targets.
 */
import { planWithCloud } from '../../../src/apply/plan-with-cloud';
import { CloudError, type SpecChangeRequest, type SubmitResult } from '../../../src/cloud/port';
import { CLIENT_ERROR } from '../../../src/cloud/tencent';
import { contractIds, contractState } from './_contract-state';
import { planActions, planningFleet } from './_fleet';
import { DAY, IDS, T0, inProcessFront, startHttpFront, type Front } from './_fronts';

/** Every attempt may fail: more attempts than the default 5, so that 0.35^n stays negligible (0.35^10 ≈ 3e-5 per call). */
const PATIENT = { retry: { maxAttempts: 10 } } as const;

describe('fault tolerance: the Tencent adapter over HTTP with 30 % throttled and 5 % 5xx', () => {
  const fronts: Front[] = [];
  afterEach(async () => {
    for (const f of fronts.splice(0)) await f.close();
  });

  async function front(faults: Record<string, number> = {}): Promise<Awaited<ReturnType<typeof startHttpFront>>> {
    const f = await startHttpFront({ state: contractState(), faults: { seed: 8, ...faults }, tencent: PATIENT });
    fronts.push(f);
    return f;
  }

  it('describe and planWithCloud give the same results as on a fault-free emulator', async () => {
    const clean = await front();
    const faulty = await front({ throttleRate: 0.3, errorRate: 0.05 });
    const read = async (f: Front) => ({
      all: await f.cloud.describeInstances({ all: true }),
      byIds: await f.cloud.describeInstances({ ids: [...contractIds(), 'ckafka-00000000'] }),
      plan: await planWithCloud(planningFleet(), f.cloud, { now: T0 }),
    });
    const expected = await read(clean);
    const got = await read(faulty);

    expect(got.all).toStrictEqual(expected.all);
    expect(got.byIds).toStrictEqual(expected.byIds);
    expect(got.plan).toStrictEqual(expected.plan);
    // The plan has something in it: a migration, a change in place, blocked and unchanged instances.
    expect(new Set(planActions(expected.plan).map((i) => (i as { action: string }).action))).toEqual(new Set(['upgrade', 'blocked', 'none']));

    // The faults did happen, and were absorbed by retries: same calls answered, more calls sent.
    const stats = faulty.cloud.stats();
    const throttles = Object.values(stats.throttles).reduce((a, b) => a + b, 0);
    const failures = Object.values(stats.failures).reduce((a, b) => a + b, 0);
    expect(throttles).toBeGreaterThan(0);
    expect(failures).toBeGreaterThan(throttles); // 5xx too
    expect(faulty.em.snapshot('counters').requests).toBeGreaterThan(clean.em.snapshot('counters').requests);
  });

  it('the same adapter over the in-process transport absorbs the same faults', async () => {
    const clean = await inProcessFront({ state: contractState() });
    fronts.push(clean);
    const faulty = await inProcessFront({ state: contractState(), faults: { seed: 8, throttleRate: 0.3, errorRate: 0.05 }, tencent: PATIENT });
    fronts.push(faulty);
    const plan = async (cloud: Front['cloud']) => planWithCloud(planningFleet(), cloud, { now: T0 });
    expect(await plan(faulty.cloud)).toStrictEqual(await plan(clean.cloud));
    expect(faulty.em.snapshot('counters').requests).toBeGreaterThan(clean.em.snapshot('counters').requests);
  });

  it('spec changes under faults (throttled, 5xx, dropped after being applied) are accepted once each and reach their targets', async () => {
    const f = await front({ throttleRate: 0.3, errorRate: 0.05, dropAfterRate: 0.15 });
    const changes: SpecChangeRequest[] = [
      { instanceId: IDS.orders, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'stable' },
      { instanceId: IDS.payments, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'stable' },
      { instanceId: IDS.pulumiEvents, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' },
      { instanceId: IDS.clickstream, bandwidthMBps: 400, diskGB: 8000, partitions: 2400, mode: 'stable' },
      { instanceId: IDS.cdktfClicks, bandwidthMBps: 300, diskGB: 3000, partitions: 1600, mode: 'high-speed' },
      { instanceId: IDS.pulumiOrders, bandwidthMBps: 300, diskGB: 4000, partitions: 1600, mode: 'stable' },
      { instanceId: IDS.cdktfOrders, bandwidthMBps: 320, diskGB: 6000, partitions: 2800, mode: 'stable' },
      { instanceId: IDS.audit, bandwidthMBps: 60, diskGB: 800, partitions: 900, mode: 'stable' },
    ];

    // Observed first, as apply does: the adapter takes each instance's billing from there.
    await f.cloud.describeInstances({ ids: changes.map((c) => c.instanceId) });
    // One at a time, as apply does per instance. The adapter's answer is final: no retry here.
    const results: Array<SubmitResult | CloudError> = [];
    for (const c of changes) {
      results.push(await f.cloud.submitSpecChange(c).catch((e: unknown) => (CloudError.isCloudError(e) ? e : Promise.reject(e))));
    }
    const failed = results.filter((r): r is CloudError => CloudError.isCloudError(r));
    // A change the adapter could not settle must say so (OutcomeUnknown), never be guessed.
    expect(failed.map((e) => e.code).filter((c) => c !== CLIENT_ERROR.outcomeUnknown)).toEqual([]);

    // The ledger: exactly one accepted write per change, with the values asked for.
    const ledger = f.em.snapshot('submissions');
    for (const c of changes) {
      const accepted = ledger.filter((s) => s.instanceId === c.instanceId);
      const [only] = accepted;
      expect([c.instanceId, accepted.length]).toEqual([c.instanceId, 1]);
      expect(only?.params).toMatchObject({ BandWidth: c.bandwidthMBps, DiskSize: c.diskGB, Partition: c.partitions });
    }
    expect(ledger).toHaveLength(changes.length);
    // Every change the adapter reported accepted is in the ledger, and vice versa (OutcomeUnknown only where the ledger has it too).
    expect(results.filter((r) => !CloudError.isCloudError(r))).toHaveLength(changes.length - failed.length);

    // The injected faults hit the writes (the submissions run one at a time, so with seed 8 the
    // draws fall the same way every run): some were throttled and retried, some lost after being
    // applied (accepted by observation), some answered 5xx before being applied (resubmitted once).
    const stats = f.cloud.stats();
    expect((stats.throttles.ModifyInstancePre ?? 0) + (stats.throttles.InstanceScalingDown ?? 0)).toBeGreaterThan(0);
    expect(results.some((r) => !CloudError.isCloudError(r) && r.acceptedBy === 'observation')).toBe(true);
    expect(stats.resubmissions).toBeGreaterThan(0);

    // Every instance reaches its target (the slowest, payments' stable migration of 900 GB, takes about 11 h).
    f.clock.advance(3 * DAY);
    const observed = await f.cloud.describeInstances({ ids: changes.map((c) => c.instanceId).sort() });
    expect(observed.map((o) => [o.instanceId, o.statusCode, o.bandwidthMBps, o.diskGB, o.partitions])).toEqual(
      changes.map((c) => [c.instanceId, 1, c.bandwidthMBps, c.diskGB, c.partitions]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Nothing more was accepted while observing.
    expect(f.em.snapshot('submissions')).toHaveLength(changes.length);
  });
});
