/**
 * The thin seam between the adapter and the official SDK: one typed `request` per CKafka action.
 * Request and response types come from the SDK's own model declarations (type-only imports, free
 * at run time); the SDK itself is required lazily, when a transport is created, so loading this
 * module costs nothing and Pulumi can serialise closures that reference it.
 */
import type { Agent } from 'http';
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

/** Sends one CKafka action and resolves with the API's `Response` object (RequestId included). */
export interface CkafkaTransport {
  request<A extends CkafkaAction>(action: A, params: CkafkaRequest<A>, signal?: AbortSignal): Promise<CkafkaResponse<A>>;
  /** Releases sockets. */
  close(): void;
}

/** Everything the SDK client needs, already resolved (no env is read here). */
export interface SdkTransportOptions {
  readonly region: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
  /** `host[:port]`, as the SDK's `httpProfile.endpoint` takes it. */
  readonly endpoint: string;
  readonly protocol: 'http://' | 'https://';
  /** Seconds; fractions are allowed. */
  readonly reqTimeoutSeconds: number;
  /**
   * Always set: without an explicit agent the SDK's fetch wrapper silently builds a proxy agent
   * from `http_proxy` and ignores `no_proxy` (tencentcloud-sdk-nodejs-common, http/fetch.js).
   */
  readonly agent: Agent;
  readonly language: 'en-US' | 'zh-CN';
}

interface SdkClient {
  request(action: string, req: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
}

interface SdkModule {
  ckafka: { v20190819: { Client: new (config: unknown) => SdkClient } };
}

/** Creates a transport on the official SDK (`tencentcloud-sdk-nodejs-ckafka`), requiring it now. */
export function createSdkTransport(options: SdkTransportOptions): CkafkaTransport {
  // Lazy on purpose: see the module comment.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('tencentcloud-sdk-nodejs-ckafka') as SdkModule;
  const client = new sdk.ckafka.v20190819.Client({
    credential: {
      secretId: options.secretId,
      secretKey: options.secretKey,
      ...(options.token === undefined ? {} : { token: options.token }),
    },
    region: options.region,
    profile: {
      language: options.language,
      httpProfile: {
        endpoint: options.endpoint,
        protocol: options.protocol,
        reqMethod: 'POST',
        reqTimeout: options.reqTimeoutSeconds,
        agent: options.agent,
      },
    },
  });
  return {
    async request(action, params, signal) {
      // The generic `request` (rather than the typed method) is the only entry that takes an AbortSignal.
      return (await client.request(action, params, signal === undefined ? {} : { signal })) as never;
    },
    close() {
      const destroy = (options.agent as { destroy?: () => void }).destroy;
      if (typeof destroy === 'function') destroy.call(options.agent);
    },
  };
}
