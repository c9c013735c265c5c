/**
 * Reads of an instance's topics: replica placement and sync state (DescribeTopicSyncReplica), and
 * produce traffic and data held over a range of time (DescribeTopicFlowRanking).
 */
import type { InstanceState, TopicState } from '../state-schema';
import { MS, msOf } from './_iso-time';
import { brokerCount, liveTopics, produceByTopic } from './instance-lookups';

/** One partition's replica state, as DescribeTopicSyncReplica reports it. */
export interface PartitionReplicaRow {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: number[];
  readonly inSync: number[];
  readonly outOfSync: number[];
  readonly beginOffset: number;
  readonly endOffset: number;
}

/** Replica placement and sync state of a topic's partitions (deterministic from the topic). */
export function partitionReplicaRows(instance: InstanceState, topic: TopicState): PartitionReplicaRow[] {
  const brokers = brokerCount(instance);
  const rows: PartitionReplicaRow[] = [];
  // ASSUMED average message size of 1 KiB to turn bytes into offsets.
  const perPartitionMessages = Math.floor(topic.dataBytes / topic.replicas / topic.partitions / 1024);
  for (let p = 0; p < topic.partitions; p++) {
    const replicas = Array.from({ length: topic.replicas }, (_, k) => ((p + k) % brokers) + 1);
    const bad = topic.outOfSyncPartitions.includes(p) && replicas.length > 1 ? [replicas[replicas.length - 1] as number] : [];
    rows.push({
      partition: p,
      leader: replicas[0] as number,
      replicas,
      inSync: replicas.filter((r) => !bad.includes(r)),
      outOfSync: bad,
      beginOffset: 0,
      endOffset: perPartitionMessages,
    });
  }
  return rows;
}

/** Seconds of traffic between two instants, clipped to the instance's life and to `now`. */
export function trafficSeconds(instance: InstanceState, begin: Date, end: Date, now: Date): number {
  const from = Math.max(begin.getTime(), msOf(instance.createTime));
  const to = Math.min(end.getTime(), now.getTime());
  return Math.max(0, (to - from) / MS);
}

/** One topic of a flow ranking: its produce traffic over the range, in MB to two decimals (as the API reports it). */
export interface TopicFlowRow {
  readonly topic: TopicState;
  readonly trafficMB: number;
}

/** The live topics by traffic and by data held, as DescribeTopicFlowRanking lists them. */
export interface TopicFlowRanking {
  /** Most traffic first, then by name (`TopicFlow`). */
  readonly byTraffic: readonly TopicFlowRow[];
  /** Most data first, then by name (`TopicMessageHeap`). */
  readonly byHeap: readonly TopicState[];
}

/**
 * DescribeTopicFlowRanking's content for a range: each live topic's share of the produce traffic
 * over the part of the range the instance existed (an instance created during the range has
 * less traffic in it), and the data it holds. One function for the wire and the in-process
 * adapter, so both report the same numbers.
 */
export function topicFlowRanking(instance: InstanceState, begin: Date, end: Date, now: Date): TopicFlowRanking {
  const seconds = trafficSeconds(instance, begin, end, now);
  const flows = produceByTopic(instance);
  const topics = liveTopics(instance);
  const byTraffic = topics
    .map((topic) => ({ topic, trafficMB: Math.round((flows.get(topic.name) ?? 0) * seconds * 100) / 100 }))
    .sort((a, b) => b.trafficMB - a.trafficMB || a.topic.name.localeCompare(b.topic.name));
  const byHeap = [...topics].sort((a, b) => b.dataBytes - a.dataBytes || a.name.localeCompare(b.name));
  return { byTraffic, byHeap };
}
