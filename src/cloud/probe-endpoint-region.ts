/**
 * The region an emulator serves, asked of the emulator itself: `ckafka status --endpoint
 * http://127.0.0.1:4577` needs no region flag. Only for endpoints on this machine: the real API
 * sells CKafka in many regions, so there the region must be given.
 */
import { REGION_PATTERN } from '../spec/fleet-schema';
import type { TencentCredentials } from './tencent';

// DescribeRegion is answered in any region; the call needs one for its signature.
const CALL_REGION = 'ap-guangzhou';

/** What the endpoint said: its one region, that it refused the signature, or nothing useful. */
export type EndpointRegion = { readonly region: string } | { readonly refused: string } | { readonly unknown: true };

/**
 * The region a CKafka endpoint serves when DescribeRegion lists exactly one (an emulator holds
 * one region); `refused` with the error code when it refused the request's signature (an emulator
 * started with keys); else `unknown`, and the caller asks for the region. Never throws.
 */
export async function probeEndpointRegion(endpoint: string, credentials: TencentCredentials, timeoutSeconds = 5): Promise<EndpointRegion> {
  const { createAgent, createSdkTransport, parseEndpoint } = await import('./tencent');
  const parsed = parseEndpoint(endpoint);
  const transport = createSdkTransport({
    region: CALL_REGION,
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    ...(credentials.token === undefined ? {} : { token: credentials.token }),
    endpoint: parsed.sdkEndpoint,
    protocol: parsed.protocol,
    reqTimeoutSeconds: timeoutSeconds,
    agent: createAgent(parsed, undefined, { maxSockets: 1 }),
    language: 'en-US',
  });
  try {
    // Not one of the adapter's actions (the port has no use for it), so called by name.
    const request = transport.request as unknown as (action: string, params: object) => Promise<{ Result?: Array<{ RegionCodeV3?: unknown }> }>;
    const answer = await request.call(transport, 'DescribeRegion', {});
    const regions = (answer.Result ?? []).map((r) => r.RegionCodeV3).filter((r): r is string => typeof r === 'string' && REGION_PATTERN.test(r));
    return regions.length === 1 && regions[0] !== undefined ? { region: regions[0] } : { unknown: true };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('AuthFailure') ? { refused: code } : { unknown: true };
  } finally {
    await transport.close();
  }
}
