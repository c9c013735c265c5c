/**
 * The transport on the official SDK (`tencentcloud-sdk-nodejs-ckafka`): HTTPS with TC3 signatures.
 * The SDK is required lazily, when a transport is created, so loading this module costs nothing
 * and Pulumi can serialise closures that reference it.
 */
import type { Agent } from 'http';
import type { CkafkaTransport } from '../transport';

export type { CkafkaAction, CkafkaActions, CkafkaRequest, CkafkaResponse, CkafkaTransport } from '../transport';

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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, see the module comment
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
