/** The action DescribeTopicSyncReplica: its request parameters and its handler. */
import { requireInstance, requireTopic } from '../engine/instance-lookups';
import { partitionReplicaRows } from '../engine/topic-reads';
import type { ParamSpec } from '../_wire-params';
import { checkPaging } from './check-paging';
import { defineWireAction } from './wire-action';

/** The parameters of DescribeTopicSyncReplica (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  TopicName: { type: 'string', required: true },
  Offset: { type: 'integer' },
  Limit: { type: 'integer' },
  OutOfSyncReplicaOnly: { type: 'boolean' },
} as const satisfies ParamSpec;

/** A topic's partitions with their replicas, in sync or not. */
export const describeTopicSyncReplica = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const inst = requireInstance(state, ctx.region, p.InstanceId);
  const topic = requireTopic(inst, p.TopicName);
  const { offset, limit } = checkPaging(p.Offset, p.Limit, { limit: 20 });
  let rows = partitionReplicaRows(inst, topic);
  if (p.OutOfSyncReplicaOnly === true) rows = rows.filter((r) => r.outOfSync.length > 0);
  return {
    Result: {
      TopicInSyncReplicaList: rows.slice(offset, offset + limit).map((r) => ({
        // As the documented answer names them ("partition-0").
        Partition: `partition-${r.partition}`,
        Leader: r.leader,
        Replica: r.replicas.join(','),
        InSyncReplica: r.inSync.join(','),
        BeginOffset: r.beginOffset,
        EndOffset: r.endOffset,
        MessageCount: r.endOffset - r.beginOffset,
        OutOfSyncReplica: r.outOfSync.join(','),
      })),
      TotalCount: rows.length,
    },
  };
});
