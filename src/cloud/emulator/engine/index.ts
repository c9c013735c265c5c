/**
 * The domain core of the emulator: a state machine over `EmulatorState` in natural units (MB/s,
 * GB, bytes, virtual time). The wire layer (actions/) converts the API's units around it; nothing
 * else calls it but the emulator's own tools (seeding, console-scheduled changes).
 *
 * Every operation takes the state and a context (virtual `now`, request id) and either mutates
 * the state or throws an `ApiError` with the code the real API uses, before mutating anything.
 * Time only moves through `advanceState`.
 */
export { TIMED_PARTS, advanceState, type TimedPart, type TimedState } from './advance-state';
export { assessSpecChange, scheduleConsoleChange, submitSpecChange, type SpecChangeAction, type SpecChangeInput, type SpecChangeOutcome } from './submit-spec-change';
export { createInstances, type CreateInput } from './create-instances';
export { deleteInstance, taskStatus } from './delete-instance';
export { modifyInstanceAttributes, type AttributesInput } from './modify-instance-attributes';
export { priceSpec, type PriceBreakdown } from './price-spec';
export { partitionReplicaRows, topicFlowRanking, trafficSeconds, type PartitionReplicaRow, type TopicFlowRanking, type TopicFlowRow } from './topic-reads';
export type { OpContext } from './op-context';
