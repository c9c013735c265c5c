/**
 * Snapshots of what the documented listing shows (docs/sources.md, API points 3–5): an instance
 * with elastic storage is copied as elastic (and reads back as DiskSize -1); a RebalanceTime in the
 * past is no scheduled task, so nothing is said about one; an off-step running bandwidth is copied
 * as it runs.
 */
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { createEmulator, createManualClock, createSeedState } from '../../src/cloud/emulator';
import { partitionIndex, snapshotFromCloud } from '../../src/cloud/snapshot-from-cloud';
import { SEED } from '../support/seed-fleet';

const T0 = new Date('2026-03-02T02:00:00Z');

describe('snapshot of the seed fleet’s documented cases', () => {
  it('copies elastic storage as elastic, an off-step bandwidth as it runs, and no task for a past RebalanceTime', async () => {
    const state = createSeedState({ now: T0 });
    state.faults.rateLimitsEnabled = false;
    const em = createEmulator({ state, clock: createManualClock(T0) });
    const cloud = createEmulatedCloud(em);
    try {
      const snap = await snapshotFromCloud(cloud, { ids: [SEED.telemetry.id, SEED.reports.id] });
      const byId = new Map(snap.state.instances.map((i) => [i.instanceId, i]));
      expect(byId.get(SEED.telemetry.id)).toMatchObject({ elasticStorage: true, chargeType: 'POSTPAID_BY_HOUR' });
      expect(byId.get(SEED.reports.id)).toMatchObject({ bandwidthMBps: 150, diskType: 'CLOUD_BASIC', pendingTask: null });
      expect(snap.notes.join('\n')).toMatch(/telemetry \(ckafka-t3l3m7ry\): has elastic storage \(DiskSize -1\)/);
      expect(snap.notes.join('\n')).not.toMatch(/reports .*scheduled/);

      const copy = createEmulatedCloud(createEmulator({ state: snap.state, clock: createManualClock(T0) }), { ownsEmulator: true });
      const [observed] = await copy.describeInstances({ ids: [SEED.telemetry.id] });
      expect(observed?.diskGB).toBeNull();
      await copy.close();
    } finally {
      await cloud.close();
      await em.close();
    }
  });

  it.each([
    ['partition-3', 3],
    ['3', 3],
    [' partition-12 ', 12],
    ['p3', Number.NaN],
  ])('reads the partition %j as %d', (name, index) => {
    expect(partitionIndex(name)).toBe(index);
  });
});
