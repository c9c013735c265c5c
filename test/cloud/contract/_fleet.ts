/** Small declared fleets over the contract state, for planning through the adapters. */
import type { Plan, PlanStep } from '../../../src/plan/types';
import type { DesiredFleet, DesiredInstance } from '../../../src/spec/types';
import { aDesired } from '../../support/builders';
import { CLONES } from './_contract-state';
import { IDS, REGION } from './_fronts';

function declared(index: number, fields: Partial<DesiredInstance> & Pick<DesiredInstance, 'name'>): DesiredInstance {
  return aDesired({ upgrade: { rebalance: 'now', mode: 'stable' }, source: { file: 'contract-fleet.yaml', path: `instances[${index}]` }, ...fields });
}

/**
 * A fleet that exercises every kind of plan: a migration (prepaid and postpaid, high-speed), a
 * change in place, partitions only, pre-checks that fail (out-of-sync replica), a Standard
 * instance (no change by API), no change, an instance found by name only (so the whole region is
 * listed), one with 60 topics, and an id that does not exist.
 */
export function planningFleet(): DesiredFleet {
  const list: Array<Partial<DesiredInstance> & Pick<DesiredInstance, 'name'>> = [
    { name: 'orders', instanceId: IDS.orders, edition: 'pro', bandwidthMBps: 600, diskGB: 6000, partitions: 2400, upgrade: { rebalance: { window: { days: ['sat', 'sun'], start: '01:00', end: '06:00', timezone: 'Asia/Shanghai' } }, mode: 'stable' } },
    { name: 'media-uploads', instanceId: IDS.media, edition: 'pro', bandwidthMBps: 160, diskGB: 5000, partitions: 1400 },
    { name: 'payments', instanceId: IDS.payments, edition: 'pro', bandwidthMBps: 120, diskGB: 2000, partitions: 1200 },
    { name: 'audit', instanceId: IDS.audit, edition: 'advanced', bandwidthMBps: 60, diskGB: 500, partitions: 900 },
    { name: 'legacy-events', instanceId: IDS.legacy, edition: 'standard', bandwidthMBps: 100, diskGB: 2000, partitions: 100 },
    { name: 'clickstream', instanceId: IDS.clickstream, edition: 'pro', bandwidthMBps: 400, diskGB: 8000, partitions: 2400 },
    { name: 'pulumi-events', instanceId: IDS.pulumiEvents, edition: 'pro', bandwidthMBps: 160, diskGB: 2000, partitions: 1200, upgrade: { rebalance: 'now', mode: 'high-speed' } },
    { name: 'cdktf-clickstream', edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 },
    { name: 'many-topics', instanceId: CLONES.manyTopics, edition: 'pro', bandwidthMBps: 300, diskGB: 3000, partitions: 1600 },
    { name: 'ghost', instanceId: 'ckafka-00000000', edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 },
  ];
  const instances = list.map((fields, i) => {
    const d = declared(i, fields);
    if (fields.instanceId === undefined) {
      const { instanceId: _dropped, ...byName } = d;
      return byName as DesiredInstance;
    }
    return d;
  });
  return { region: REGION, instances };
}

function stepView(s: PlanStep): unknown {
  switch (s.kind) {
    case 'change-spec':
      return { changeSpec: { bandwidthMBps: s.bandwidthMBps, diskGB: s.diskGB, partitions: s.partitions, mode: s.mode } };
    case 'retime':
      return { retime: s.at };
    case 'wait':
      return { wait: s.until };
    case 'manual':
      return { manual: s.consolePath };
  }
}

/** What a plan decides per instance: its action, changes and steps (target values included). */
export function planActions(plan: Plan): unknown[] {
  return plan.instances.map((i) => ({ name: i.name, instanceId: i.instanceId, action: i.action, changes: i.changes, steps: i.steps.map(stepView) }));
}
