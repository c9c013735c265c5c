/**
 * The seam at the bottom of the cloud adapter: one typed `request` per CKafka action, answered
 * with the API's `Response` object. Two transports implement it — the official SDK over HTTPS
 * (`tencent/sdk-transport.ts`) and the emulator's wire layer in process
 * (`emulator/in-process-transport.ts`) — so every front end runs the one adapter above it, and a
 * test double replaces only this layer.
 *
 * Request and response types come from the SDK's model declarations (type-only imports, free at
 * run time).
 */
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';

/** Request and response model of every CKafka action the adapter calls. */
export interface CkafkaActions {
  DescribeInstancesDetail: [M.DescribeInstancesDetailRequest, M.DescribeInstancesDetailResponse];
  DescribeInstanceAttributes: [M.DescribeInstanceAttributesRequest, M.DescribeInstanceAttributesResponse];
  DescribeModifyType: [M.DescribeModifyTypeRequest, M.DescribeModifyTypeResponse];
  InquireCkafkaPrice: [M.InquireCkafkaPriceRequest, M.InquireCkafkaPriceResponse];
  DescribeRoute: [M.DescribeRouteRequest, M.DescribeRouteResponse];
  DescribeTopicDetail: [M.DescribeTopicDetailRequest, M.DescribeTopicDetailResponse];
  DescribeTopicSyncReplica: [M.DescribeTopicSyncReplicaRequest, M.DescribeTopicSyncReplicaResponse];
  DescribeCkafkaZone: [M.DescribeCkafkaZoneRequest, M.DescribeCkafkaZoneResponse];
  DescribeTopicFlowRanking: [M.DescribeTopicFlowRankingRequest, M.DescribeTopicFlowRankingResponse];
  ModifyInstancePre: [M.ModifyInstancePreRequest, M.ModifyInstancePreResponse];
  InstanceScalingDown: [M.InstanceScalingDownRequest, M.InstanceScalingDownResponse];
  ModifyInstanceAttributes: [M.ModifyInstanceAttributesRequest, M.ModifyInstanceAttributesResponse];
  CreatePostPaidInstance: [M.CreatePostPaidInstanceRequest, M.CreatePostPaidInstanceResponse];
  CreateInstancePre: [M.CreateInstancePreRequest, M.CreateInstancePreResponse];
  DeleteInstancePost: [M.DeleteInstancePostRequest, M.DeleteInstancePostResponse];
  DeleteInstancePre: [M.DeleteInstancePreRequest, M.DeleteInstancePreResponse];
}

/** A CKafka action name the adapter uses. */
export type CkafkaAction = keyof CkafkaActions;
export type CkafkaRequest<A extends CkafkaAction> = CkafkaActions[A][0];
export type CkafkaResponse<A extends CkafkaAction> = CkafkaActions[A][1];

const OWN_FAULT = Symbol.for('ckafka-iac.transport.ownFault');

/**
 * Marks an error of the transport's own machinery — not an answer of the cloud, nor a lost one:
 * the emulator's state file cannot be written, say. The adapter rethrows such an error unchanged,
 * so the front end can say what is wrong with the local setup instead of reporting a failed call.
 */
export function markOwnFault<E extends object>(e: E): E {
  Object.defineProperty(e, OWN_FAULT, { value: true, enumerable: false });
  return e;
}

/** Whether `e` was marked by {@link markOwnFault}. */
export function isOwnFault(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[OWN_FAULT] === true;
}

/**
 * Sends one CKafka action and resolves with the API's `Response` object (RequestId included).
 *
 * Failures are thrown the way the official SDK throws them (its error class is not exported, so
 * the adapter reads the fields): an API error carries `code`, `message` and `requestId`; a
 * non-200 HTTP answer carries `httpCode` and the status text as `message`; no answer at all
 * (refused, reset, timed out, dropped) carries only a `message`.
 */
export interface CkafkaTransport {
  request<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal): Promise<CkafkaResponse<A>>;
  /** Releases sockets. */
  close(): void | Promise<void>;
}
