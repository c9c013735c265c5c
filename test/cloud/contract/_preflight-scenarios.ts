/** Contract scenarios of the preflight: one per instance, each checked against what its seed state holds. */
import type { CkafkaCloud } from '../../../src/cloud/port';
import { CLONES } from './_contract-state';
import { ORDERS_FACTS_BASE } from './_expected';
import { IDS, SEED_IDS } from './_fronts';
import type { Scenario } from './_scenario';

export const PREFLIGHT_IDS: readonly string[] = [...SEED_IDS, CLONES.multiZone, CLONES.soldOutZone, CLONES.manyTopics, CLONES.unorderedTopics, CLONES.young];

export function preflightScenario(id: string): Scenario {
  return {
    name: `preflight of ${id}`,
    run: async (front) => {
      const [o] = await front.cloud.describeInstances({ ids: [id] });
      if (o === undefined) throw new Error(`${id} was not observed`);
      return front.cloud.preflight(o);
    },
    check: (facts) => checkPreflight(id, facts as Awaited<ReturnType<CkafkaCloud['preflight']>>),
  };
}

function checkPreflight(id: string, facts: Awaited<ReturnType<CkafkaCloud['preflight']>>): void {
  expect(facts.errors).toBeUndefined();
  expect(facts.routes.length).toBeGreaterThan(0);
  expect(facts.maxMessageBytes).toBe(id === IDS.media ? 8388608 : 1048576);
  expect(facts.zoneInStock).toBe(!(id === IDS.legacy || id === CLONES.soldOutZone));
  expect(typeof facts.diskUsedGB).toBe('number');
  expect(typeof facts.produceMBps).toBe('number');
  switch (id) {
    case IDS.orders:
      expect(facts).toStrictEqual({
        ...ORDERS_FACTS_BASE,
        maxMessageBytes: 1048576,
        zoneInStock: true,
        diskUsedGB: 733,
        produceMBps: 45,
      });
      break;
    case IDS.audit:
      // Partitions as the documented DescribeTopicSyncReplica answer names them.
      expect(facts.outOfSync).toStrictEqual([{ topic: 'audit.trail', partitions: ['partition-2'] }]);
      expect(facts.topics.map((t) => [t.name, t.replicas])).toEqual([
        ['audit.trail', 3],
        ['audit.scratch', 1],
      ]);
      break;
    case CLONES.manyTopics:
      expect(facts.topics).toHaveLength(60);
      expect(facts.topics.map((t) => t.name)).toEqual(Array.from({ length: 60 }, (_, i) => `bulk.t${String(i).padStart(2, '0')}`));
      expect(facts.topics.filter((t) => t.statusCode !== 0).map((t) => t.name)).toEqual(['bulk.t17']);
      expect(facts.outOfSync).toStrictEqual([
        { topic: 'bulk.t23', partitions: ['partition-0', 'partition-4'] },
        { topic: 'bulk.t41', partitions: ['partition-1'] },
      ]);
      expect(facts.routes.map((r) => [r.routeId, r.statusCode, r.healthy])).toEqual([
        [301, 2, true],
        [302, 1, false],
        [303, 3, false],
      ]);
      break;
    case CLONES.young:
      // 45 MB/s for the 12 hours since creation, averaged over the 24-hour window.
      expect(facts.produceMBps).toBe(22.5);
      break;
    case CLONES.unorderedTopics:
      // Oldest first; a topic being deleted is not asked about replica sync.
      expect(facts.topics.map((t) => [t.name, t.statusCode])).toEqual([
        ['alpha.oldest', 0],
        ['mid.deleting', 2],
        ['zeta.newest', 0],
      ]);
      expect(facts.outOfSync).toStrictEqual([]);
      break;
    default:
      expect(facts.outOfSync).toStrictEqual([]);
  }
}
