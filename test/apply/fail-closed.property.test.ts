/**
 * Fail closed, as a property (docs/sources.md, API points: "fail open when DescribeModifyType
 * cannot be asked"): whatever reads fail, and whenever they fail, apply never starts a change that
 * migrates data outside its window. Reads (describe, the migration assessment, quotes, pre-check
 * facts) fail at random, at plan time and at apply time, on the emulator's seed fleet; between plan
 * and apply the cluster of one instance may lose the room it had, so a change planned as "no
 * migration" would migrate if submitted. Every spec change the cloud receives is recorded with
 * whether the emulator would migrate data for it, and when.
 */
import fc from 'fast-check';
import { CloudError, type CkafkaCloud, type SpecChangeRequest } from '../../src/cloud/port';
import { needsMigration } from '../../src/cloud/emulator/migration-model';
import { drawUniform } from '../../src/cloud/emulator/_seeded-random';
import { scheduleGate } from '../../src/apply/schedule-gate';
import type { RebalanceWindow } from '../../src/spec/types';
import { apply, fleetYaml, HOUR, MINUTE, newWorld, NEXT_WINDOW_OPENING, planFor, SEED, steppingClock, T0, WEEKEND_WINDOW, type World } from './_harness';

/** The window every instance declares (WEEKEND_WINDOW). */
const WINDOW: RebalanceWindow = { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' };

/** A deterministic stream of draws in [0, 1) from a seed fast-check picks, so failures shrink and replay. */
function random(seed: number): () => number {
  let n = 0;
  return () => drawUniform(seed, 'fail-closed-read', n++);
}

interface Submitted {
  readonly at: Date;
  readonly instanceId: string;
  readonly migrates: boolean;
}

/**
 * The world's cloud with each read failing with probability `rate` (after the adapter's own
 * retries: a final failure), and every spec change recorded with whether it migrates.
 */
function flakyCloud(w: World, rate: number, seed: number, submitted: Submitted[]): CkafkaCloud {
  const draw = random(seed);
  const failing =
    <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (draw() < rate) throw new CloudError('unavailable', 'ResourceUnavailable', `${name}: the service is unavailable (injected)`, name);
      return call(...args);
    };
  const cloud = w.cloud;
  return Object.assign(Object.create(cloud) as CkafkaCloud, {
    describeInstances: failing('DescribeInstancesDetail', cloud.describeInstances.bind(cloud)),
    assessMigration: failing('DescribeModifyType', cloud.assessMigration.bind(cloud)),
    quote: failing('InquireCkafkaPrice', cloud.quote.bind(cloud)),
    preflight: failing('preflight', cloud.preflight.bind(cloud)),
    submitSpecChange: async (request: SpecChangeRequest, options?: Parameters<CkafkaCloud['submitSpecChange']>[1]) => {
      const inst = w.em.snapshot().instances.find((i) => i.instanceId === request.instanceId);
      if (inst !== undefined) {
        const current = { bandwidthMBps: inst.bandwidthMBps, diskGB: inst.diskGB, partitions: inst.partitions };
        submitted.push({ at: w.clock.now(), instanceId: request.instanceId, migrates: needsMigration(inst.capacity, current, request) });
      }
      return cloud.submitSpecChange(request, options);
    },
  });
}

// orders: room to grow to 400 MB/s, so 300 MB/s plans as "no migration"; payments: at capacity,
// so any increase migrates; media-uploads: more disk in place.
const FLEET = fleetYaml({
  orders: { bw: 300, partitions: 1600, rebalance: WEEKEND_WINDOW },
  payments: { bw: 160, rebalance: WEEKEND_WINDOW },
  'media-uploads': { disk: 5000, rebalance: WEEKEND_WINDOW },
});

const scenario = fc.record({
  planRate: fc.constantFrom(0, 0, 0.2, 0.5),
  applyRate: fc.constantFrom(0.1, 0.3, 0.5, 0.8, 1),
  planSeed: fc.integer(),
  applySeed: fc.integer(),
  // Between plan and apply, orders' cluster loses its room: 300 MB/s would now migrate.
  shrinks: fc.boolean(),
  // Apply outside the window (the plan's Monday) or inside it (Saturday 01:30 Shanghai).
  applyAt: fc.constantFrom('outside', 'inside'),
  wait: fc.boolean(),
});

describe('apply fails closed when reads fail', () => {
  it('never starts a change that migrates data outside its window', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const clock = steppingClock(T0);
        const w = newWorld(undefined, clock);
        const submitted: Submitted[] = [];
        let plan;
        try {
          plan = await planFor({ cloud: flakyCloud(w, s.planRate, s.planSeed, []) }, FLEET);
        } catch (e) {
          // No plan (the instances could not be observed): nothing to apply.
          if (CloudError.isCloudError(e)) return;
          throw e;
        }
        if (s.shrinks) {
          await w.em.update((state) => {
            const i = state.instances.find((x) => x.instanceId === SEED.orders.id);
            if (i) i.capacity = { bandwidthMBps: 200, diskGB: 3000 };
          });
        }
        if (s.applyAt === 'inside') clock.advance(Date.parse(NEXT_WINDOW_OPENING) + 30 * MINUTE - clock.now().getTime());
        try {
          await apply(plan, flakyCloud(w, s.applyRate, s.applySeed, submitted), { wait: s.wait, maxWaitMs: 7 * 24 * HOUR });
        } catch (e) {
          // The first observation of the fleet failed: apply reports it as an error, having submitted nothing.
          if (!CloudError.isCloudError(e)) throw e;
        }

        for (const sub of submitted.filter((x) => x.migrates)) {
          expect({ instanceId: sub.instanceId, at: sub.at.toISOString(), insideWindow: scheduleGate({ kind: 'window', startsAt: null, window: WINDOW, note: '' }, sub.at).due }).toEqual({
            instanceId: sub.instanceId,
            at: sub.at.toISOString(),
            insideWindow: true,
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is a property that can fail: a plan that said "no migration" whose change now migrates, with the assessment failing at apply', async () => {
    // The scenario the property guards: without the fail-closed rule this change would start at once.
    const clock = steppingClock(T0);
    const w = newWorld(undefined, clock);
    const plan = await planFor(w, fleetYaml({ orders: { bw: 300, partitions: 1600, rebalance: WEEKEND_WINDOW } }));
    expect(plan.instances[0]?.migration.required).toBe(false);
    await w.em.update((state) => {
      const i = state.instances.find((x) => x.instanceId === SEED.orders.id);
      if (i) i.capacity = { bandwidthMBps: 200, diskGB: 3000 };
    });
    const submitted: Submitted[] = [];
    const cloud = flakyCloud(w, 0, 1, submitted);
    const blind = Object.assign(Object.create(cloud) as CkafkaCloud, {
      assessMigration: async () => {
        throw new CloudError('unavailable', 'ResourceUnavailable', 'DescribeModifyType: the service is unavailable (injected)', 'DescribeModifyType');
      },
    });
    const result = await apply(plan, blind);
    expect(submitted).toEqual([]);
    expect(result.instances[0]).toMatchObject({ outcome: 'blocked', issues: [expect.objectContaining({ code: 'apply/migration-unverified' })] });
  });
});
