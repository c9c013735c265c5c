/**
 * Lookups over the state: instances of a region, by id; an instance's edition, topics, partitions
 * in use, data held, topic limit, produce traffic by topic and broker count.
 */
import { editionFromInstanceType, standardTypeFor } from '../../../spec/catalog';
import type { Edition } from '../../../spec/types';
import { ApiError } from '../api-error';
import type { EmulatorState, InstanceState, SpecValuesState, TopicState } from '../state-schema';

/** The instances visible in `region`: the emulator holds one region, others are empty. */
export function instancesIn(state: EmulatorState, region: string): InstanceState[] {
  return state.region === region ? state.instances : [];
}

/** An instance by id, or `undefined`. */
export function findInstance(state: EmulatorState, region: string, instanceId: string): InstanceState | undefined {
  return instancesIn(state, region).find((i) => i.instanceId === instanceId);
}

/** An instance by id, or `InvalidParameterValue.InstanceNotExist`. */
export function requireInstance(state: EmulatorState, region: string, instanceId: string): InstanceState {
  const found = findInstance(state, region, instanceId);
  if (found === undefined) {
    throw new ApiError(
      'InvalidParameterValue.InstanceNotExist',
      `instance ${instanceId} does not exist in region ${region}; check the id with DescribeInstancesDetail`,
    );
  }
  return found;
}

/** The edition of an instance, or `undefined` for types ckafka-iac does not manage. */
export function editionOf(instance: InstanceState): Edition | undefined {
  return editionFromInstanceType(instance.instanceType);
}

/** Topics that exist (not deleted). */
export function liveTopics(instance: InstanceState): TopicState[] {
  return instance.topics.filter((tp) => tp.status !== 1);
}

/** Partitions in use, replicas included (`PartitionNumber`): the instance limit counts replicas. */
export function partitionsInUse(instance: InstanceState): number {
  return liveTopics(instance).reduce((n, tp) => n + tp.partitions * tp.replicas, 0);
}

/** Data held in bytes, replicas included. */
export function dataBytesOf(instance: InstanceState): number {
  return liveTopics(instance).reduce((n, tp) => n + tp.dataBytes, 0);
}

/** The topic limit: a Standard type's fixed number, else half the partitions (as real instances report). */
export function maxTopicNumber(instance: InstanceState): number {
  if (editionOf(instance) === 'standard') return standardTypeFor(instance.bandwidthMBps)?.topics ?? Math.floor(instance.partitions / 2);
  return Math.floor(instance.partitions / 2);
}

/** Produce traffic by topic in MB/s: the instance's traffic shared by data held (equally when empty). */
export function produceByTopic(instance: InstanceState): Map<string, number> {
  const topics = liveTopics(instance);
  const total = topics.reduce((n, tp) => n + tp.dataBytes, 0);
  const out = new Map<string, number>();
  for (const tp of topics) {
    const share = total > 0 ? tp.dataBytes / total : 1 / topics.length;
    out.set(tp.name, instance.produceMBps * share);
  }
  return out;
}

/** The broker count the emulator reports (replica placement, broker IPs): three, plus one per 200 MB/s of capacity. */
export function brokerCount(instance: InstanceState): number {
  return Math.max(3, Math.ceil(instance.capacity.bandwidthMBps / 200));
}

/** The spec an instance runs. */
export function specOf(inst: InstanceState): SpecValuesState {
  return { bandwidthMBps: inst.bandwidthMBps, diskGB: inst.diskGB, partitions: inst.partitions };
}

/** A topic by name, or `InvalidParameterValue` (DescribeTopicSyncReplica lists no ResourceNotFound). */
export function requireTopic(instance: InstanceState, name: string): TopicState {
  const topic = liveTopics(instance).find((tp) => tp.name === name);
  if (topic === undefined) throw new ApiError('InvalidParameterValue', `topic ${JSON.stringify(name)} does not exist in ${instance.instanceId}`);
  return topic;
}
