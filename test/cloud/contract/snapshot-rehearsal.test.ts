/**
 * Rehearsal snapshots (`ckafka emulator snapshot`, docs/cli.md): `snapshotFromCloud` through the
 * Tencent adapter over HTTP reads an emulator's instances into a new state; a new emulator on that
 * state observes the same instances, except what the snapshot documents it cannot copy (a
 * scheduled change, the target of a running one); and planning a fleet against the copy decides
 * the same actions as against the original.
 */
import { planWithCloud } from '../../../src/apply/plan-with-cloud';
import { emulatorStateSchema } from '../../../src/cloud/emulator';
import { snapshotFromCloud } from '../../../src/cloud/snapshot-from-cloud';
import type { ObservedInstance } from '../../../src/spec/observed';
import type { DesiredFleet } from '../../../src/spec/types';
import { aDesired } from '../../support/builders';
import { CLONES, contractIds, contractState } from './_contract-state';
import { planActions } from './_fleet';
import { DAY, IDS, REGION, T0, inProcessFront, startHttpFront, tencentHttpFront, type Front, type FrontFactory } from './_fronts';

const SCHEDULED_AT = new Date(T0.getTime() + 2 * DAY);

/** What the snapshot documents it cannot copy: a scheduled change, and a running change (copied running at the current spec). */
function modNotCopied(o: ObservedInstance): ObservedInstance {
  const { rebalanceAt: _scheduled, ...rest } = o;
  return o.status === 'upgrading' ? { ...rest, status: 'running', statusCode: 1 } : rest;
}

/** A fleet whose changes migrate data on the original and on the copy alike (the copy assumes no headroom), plus blocked and unchanged instances. */
function rehearsalFleet(): DesiredFleet {
  const d = (i: number, fields: Parameters<typeof aDesired>[0]) => aDesired({ upgrade: { rebalance: 'now', mode: 'stable' }, source: { file: 'rehearsal.yaml', path: `instances[${i}]` }, ...fields });
  return {
    region: REGION,
    instances: [
      d(0, { name: 'orders', instanceId: IDS.orders, edition: 'pro', bandwidthMBps: 600, diskGB: 6000, partitions: 2400 }),
      d(1, { name: 'payments', instanceId: IDS.payments, edition: 'pro', bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }),
      d(2, { name: 'clickstream', instanceId: IDS.clickstream, edition: 'pro', bandwidthMBps: 400, diskGB: 8000, partitions: 2400 }),
      d(3, { name: 'audit', instanceId: IDS.audit, edition: 'advanced', bandwidthMBps: 60, diskGB: 800, partitions: 900 }),
      d(4, { name: 'legacy-events', instanceId: IDS.legacy, edition: 'standard', bandwidthMBps: 100, diskGB: 2000, partitions: 100 }),
      d(5, { name: 'media-uploads', instanceId: IDS.media, edition: 'pro', bandwidthMBps: 160, diskGB: 4000, partitions: 1400 }),
      d(6, { name: 'sold-out-zone', instanceId: CLONES.soldOutZone, edition: 'pro', bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }),
      d(7, { name: 'many-topics', instanceId: CLONES.manyTopics, edition: 'pro', bandwidthMBps: 600, diskGB: 6000, partitions: 2400 }),
    ],
  };
}

describe('snapshotFromCloud through the Tencent adapter over HTTP', () => {
  const fronts: Front[] = [];
  afterEach(async () => {
    for (const f of fronts.splice(0)) await f.close();
  });
  async function open(factory: FrontFactory, state = contractState()): Promise<Front> {
    const f = await factory({ state });
    fronts.push(f);
    return f;
  }

  it('copies every instance into a valid state whose emulator observes the same instances, on both fronts', async () => {
    const original = await startHttpFront({ state: contractState() });
    fronts.push(original);
    // A change scheduled in the console and one running: the API reveals neither target.
    await original.em.scheduleChange({ instanceId: IDS.payments, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: SCHEDULED_AT });
    await original.cloud.submitSpecChange({ instanceId: IDS.pulumiEvents, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' });
    const before = await original.cloud.describeInstances({ all: true });

    const snap = await snapshotFromCloud(original.cloud);
    expect(() => emulatorStateSchema().parse(snap.state)).not.toThrow();
    expect(snap.notFound).toEqual([]);
    expect(snap.state.instances.map((i) => i.instanceId).sort()).toEqual(contractIds());
    expect(snap.state.submissions).toEqual([]);
    // The documented gaps are in the notes.
    expect(snap.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`${IDS.payments}.*scheduled`)), expect.stringMatching(new RegExp(`${IDS.pulumiEvents}.*upgrading`))]),
    );

    for (const factory of [inProcessFront, tencentHttpFront]) {
      const copy = await open(factory, snap.state);
      expect(await copy.cloud.describeInstances({ all: true })).toStrictEqual(before.map(modNotCopied));
    }
    // The original was only read.
    expect(original.em.snapshot('submissions').map((s) => s.action)).toEqual(['InstanceScalingDown']);
  });

  it('copies the pre-check facts: routes, topics, replica sync, max message size, stock', async () => {
    const original = await open(tencentHttpFront);
    const ids = [IDS.orders, IDS.audit, IDS.media, CLONES.multiZone, CLONES.manyTopics, CLONES.soldOutZone];
    const snap = await snapshotFromCloud(original.cloud, { ids: [...ids, 'ckafka-00000000'] });
    expect(snap.notFound).toEqual(['ckafka-00000000']);
    const copy = await open(tencentHttpFront, snap.state);
    for (const id of ids) {
      const [o] = await original.cloud.describeInstances({ ids: [id] });
      const [c] = await copy.cloud.describeInstances({ ids: [id] });
      const a = await original.cloud.preflight(o as ObservedInstance);
      const b = await copy.cloud.preflight(c as ObservedInstance);
      // Topic names, sizes and states, and which replicas lag; the order among topics created at
      // the same instant (all of a copy's) and the data held per topic are not the API's to give.
      const view = (f: typeof a) => ({
        routes: f.routes,
        topics: [...f.topics].sort((x, y) => x.name.localeCompare(y.name)),
        outOfSync: [...f.outOfSync].sort((x, y) => x.topic.localeCompare(y.topic)),
        maxMessageBytes: f.maxMessageBytes,
        zoneInStock: f.zoneInStock,
      });
      expect([id, view(b)]).toStrictEqual([id, view(a)]);
      // Data held is copied per instance (the copy spreads it over its topics that are not deleted).
      expect([id, b.diskUsedGB]).toEqual([id, a.diskUsedGB]);
    }
  });

  it(
    'the copy holds as much data as the original when it has deleted topics (deleted topics get no share of the data held)',
    async () => {
      const original = await open(tencentHttpFront);
      const snap = await snapshotFromCloud(original.cloud, { ids: [CLONES.manyTopics] });
      const copy = await open(tencentHttpFront, snap.state);
      const used = async (f: Front) => {
        const [o] = await f.cloud.describeInstances({ ids: [CLONES.manyTopics] });
        return (await f.cloud.preflight(o as ObservedInstance)).diskUsedGB;
      };
      expect(await used(original)).toBe(590);
      // Spread over the deleted topic bulk.t17 too, the copy would read 577.12.
      expect(await used(copy)).toBe(590);
    },
  );

  it('planning a fleet against the copy decides the same actions as against the original', async () => {
    const original = await open(tencentHttpFront);
    const snap = await snapshotFromCloud(original.cloud);
    const copy = await open(tencentHttpFront, snap.state);
    const fleet = rehearsalFleet();
    const onOriginal = await planWithCloud(fleet, original.cloud, { now: T0 });
    const onCopy = await planWithCloud(fleet, copy.cloud, { now: T0 });
    expect(planActions(onCopy)).toStrictEqual(planActions(onOriginal));
    // Something to decide: upgrades, blocked instances (out-of-sync replica, Standard, sold-out zone) and no change.
    expect(onOriginal.instances.map((i) => [i.name, i.action])).toEqual([
      ['orders', 'upgrade'],
      ['payments', 'upgrade'],
      ['clickstream', 'upgrade'],
      ['audit', 'blocked'],
      ['legacy-events', 'blocked'],
      ['media-uploads', 'none'],
      ['sold-out-zone', 'blocked'],
      ['many-topics', 'blocked'],
    ]);
  });

  it(
    'the copy reports the produce traffic of the original (copies are dated back past the 24-hour usage window: the emulator counts traffic since creation only)',
    async () => {
      const original = await open(tencentHttpFront);
      const ids = [IDS.orders, IDS.clickstream];
      const snap = await snapshotFromCloud(original.cloud, { ids });
      const copy = await open(tencentHttpFront, snap.state);
      const produce = async (f: Front) => {
        const out: Array<number | undefined> = [];
        for (const o of await f.cloud.describeInstances({ ids })) out.push((await f.cloud.preflight(o)).produceMBps);
        return out;
      };
      expect(await produce(original)).toEqual([45, 340]);
      // Dated at the snapshot, the copy would read [0, 0]: a high-speed migration under heavy load would pass its check in the rehearsal.
      expect(await produce(copy)).toEqual([45, 340]);
      expect(snap.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^every instance: creation times are not read/)]));
    },
  );

  it(
    'a Standard instance does not make its zone sold out for the other instances copied with it (Standard reads sold out everywhere: only Pro and Advanced tell a zone\'s stock)',
    async () => {
      const original = await open(tencentHttpFront);
      // Listed Standard first (as a fleet file may declare them): its zone reads "sold out", because Standard is no longer sold anywhere.
      const snap = await snapshotFromCloud(original.cloud, { ids: [IDS.legacy, IDS.orders] });
      expect(snap.state.zones.find((z) => z.zoneId === 100003)?.soldOut).toBe(false);
      const copy = await open(tencentHttpFront, snap.state);
      const fleet: DesiredFleet = { region: REGION, instances: [aDesired({ name: 'orders', instanceId: IDS.orders, bandwidthMBps: 600, diskGB: 6000, partitions: 2400, upgrade: { rebalance: 'now', mode: 'stable' } })] };
      expect(planActions(await planWithCloud(fleet, copy.cloud, { now: T0 }))).toStrictEqual(planActions(await planWithCloud(fleet, original.cloud, { now: T0 })));
    },
  );

  it('a zone only Standard instances are copied into is assumed in stock, and the notes say so', async () => {
    const original = await open(tencentHttpFront);
    const snap = await snapshotFromCloud(original.cloud, { ids: [IDS.legacy] });
    expect(snap.state.zones).toEqual([expect.objectContaining({ zoneId: 100003, soldOut: false })]);
    expect(snap.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^zone 100003: no Pro or Advanced instance .* assumed in stock$/)]));
  });
});
