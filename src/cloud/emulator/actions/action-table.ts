/**
 * The wire layer: CKafka API actions as the real API speaks them (PascalCase fields, Response
 * objects shaped as the SDK models declare them in ckafka_models.d.ts), mapped onto the domain
 * core. One module per action holds its parameters and its handler; units are converted in
 * `wire-units.ts` and only there. This table is what the emulator serves.
 */
import { ApiError } from '../api-error';
import type { OpContext } from '../engine/op-context';
import type { EmulatorState } from '../state-schema';
import { createInstancePre } from './create-instance-pre';
import { createPostPaidInstance } from './create-post-paid-instance';
import { deleteInstancePost } from './delete-instance-post';
import { deleteInstancePre } from './delete-instance-pre';
import { describeCkafkaZone } from './describe-ckafka-zone';
import { describeInstanceAttributes } from './describe-instance-attributes';
import { describeInstancesDetail } from './describe-instances-detail';
import { describeModifyType } from './describe-modify-type';
import { describeRegion } from './describe-region';
import { describeRoute } from './describe-route';
import { describeTaskStatus } from './describe-task-status';
import { describeTopicDetail } from './describe-topic-detail';
import { describeTopicFlowRanking } from './describe-topic-flow-ranking';
import { describeTopicSyncReplica } from './describe-topic-sync-replica';
import { inquireCkafkaPrice } from './inquire-ckafka-price';
import { instanceScalingDown } from './instance-scaling-down';
import { modifyInstanceAttributes } from './modify-instance-attributes';
import { modifyInstancePre } from './modify-instance-pre';
import type { WireAction } from './wire-action';

/** The API version the emulator speaks. */
export const CKAFKA_API_VERSION = '2019-08-19';

/** Every action the emulator implements, by its API name, in the order `InvalidAction` lists them. */
const ACTIONS = {
  DescribeInstancesDetail: describeInstancesDetail,
  DescribeInstanceAttributes: describeInstanceAttributes,
  DescribeModifyType: describeModifyType,
  InquireCkafkaPrice: inquireCkafkaPrice,
  DescribeRoute: describeRoute,
  DescribeTopicDetail: describeTopicDetail,
  DescribeTopicSyncReplica: describeTopicSyncReplica,
  DescribeCkafkaZone: describeCkafkaZone,
  DescribeRegion: describeRegion,
  DescribeTopicFlowRanking: describeTopicFlowRanking,
  ModifyInstancePre: modifyInstancePre,
  InstanceScalingDown: instanceScalingDown,
  ModifyInstanceAttributes: modifyInstanceAttributes,
  DescribeTaskStatus: describeTaskStatus,
  CreatePostPaidInstance: createPostPaidInstance,
  CreateInstancePre: createInstancePre,
  DeleteInstancePost: deleteInstancePost,
  DeleteInstancePre: deleteInstancePre,
} as const satisfies Record<string, WireAction>;

/** The actions the emulator implements. */
export type ActionName = keyof typeof ACTIONS;

/** Names of the implemented actions. */
export const ACTION_NAMES: readonly ActionName[] = Object.keys(ACTIONS) as ActionName[];

/** Whether the emulator implements `action`. */
export function isKnownAction(action: string): action is ActionName {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action);
}

/** Actions that change state (their accepted calls go to the submissions ledger). */
export const WRITE_ACTIONS: ReadonlySet<string> = new Set(ACTION_NAMES.filter((a) => ACTIONS[a].write));

/**
 * Runs one API action on the state: checks the request, applies it, and returns the fields of
 * `Response` (without `RequestId`). Throws {@link ApiError} for every API error.
 */
export function runWireAction(state: EmulatorState, ctx: OpContext, action: string, request: unknown): Record<string, unknown> {
  if (!isKnownAction(action)) throw unknownActionError(action);
  return ACTIONS[action].run(state, ctx, request);
}

/** The error for an action the emulator does not implement (`InvalidAction`). */
export function unknownActionError(action: string): ApiError {
  return new ApiError('InvalidAction', `the action ${JSON.stringify(action)} does not exist or is not implemented by the emulator; implemented: ${ACTION_NAMES.join(', ')}`);
}
