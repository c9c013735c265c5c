/**
 * The baseline: read a fleet instance by instance, as the Terraform provider's refresh does
 * (resource_tc_ckafka_instance.go reads each instance with DescribeInstancesDetail by InstanceId
 * and DescribeInstanceAttributes), through the same official SDK client, the same per-action
 * token buckets and the same concurrency limit as ckafka-iac's Tencent adapter. Only the call
 * pattern differs, so the ratio to ckafka-iac's plan isolates batching and fact-gathering.
 *
 * Usage: node -r scripts/ts-register.js bench/lib/baseline-child.ts <endpoint-url> <ids.json>
 * with TENCENTCLOUD_SECRET_ID/KEY/REGION in the environment. Prints one JSON line.
 */
import * as fs from 'node:fs';
import { CallPolicy } from '../../src/cloud/resilience';
import { CloudError } from '../../src/cloud/port';
import {
  DEFAULT_TENCENT_CONCURRENCY,
  DEFAULT_TENCENT_RATE_LIMIT,
  TENCENT_RATE_LIMITS,
  createAgent,
  createSdkTransport,
  isRetryableRead,
  parseEndpoint,
  systemClock,
  toCloudError,
} from '../../src/cloud/tencent';
import { createRedactor } from '../../src/cloud/redact';

async function main(): Promise<void> {
  const [url, idsFile] = process.argv.slice(2);
  if (url === undefined || idsFile === undefined) throw new Error('usage: baseline-child.ts <endpoint-url> <ids.json>');
  const ids = JSON.parse(fs.readFileSync(idsFile, 'utf8')) as string[];
  const secretId = process.env.TENCENTCLOUD_SECRET_ID ?? '';
  const secretKey = process.env.TENCENTCLOUD_SECRET_KEY ?? '';
  const region = process.env.TENCENTCLOUD_REGION ?? 'ap-guangzhou';
  const endpoint = parseEndpoint(url, 'endpoint');
  const concurrency = DEFAULT_TENCENT_CONCURRENCY;
  const transport = createSdkTransport({
    region,
    secretId,
    secretKey,
    endpoint: endpoint.sdkEndpoint,
    protocol: endpoint.protocol,
    reqTimeoutSeconds: 30,
    agent: createAgent(endpoint, undefined, { maxSockets: concurrency }),
    language: 'en-US',
  });
  const redact = createRedactor([secretId, secretKey]);
  const policy = new CallPolicy({
    concurrency,
    rates: TENCENT_RATE_LIMITS,
    defaultRate: DEFAULT_TENCENT_RATE_LIMIT,
    timer: { now: () => Date.now(), sleep: (ms, signal) => systemClock.sleep(ms, signal) },
    isThrottle: (e) => CloudError.isCloudError(e) && e.kind === 'throttled',
  });
  const read = (action: 'DescribeInstancesDetail' | 'DescribeInstanceAttributes', params: Record<string, unknown>): Promise<unknown> =>
    policy.run(
      action,
      async () => {
        try {
          return await transport.request(action, params as never);
        } catch (e) {
          throw toCloudError(e, action, { redact });
        }
      },
      { retryable: isRetryableRead },
    );

  const started = Date.now();
  let found = 0;
  // Terraform refreshes resources in parallel (-parallelism, default 10); the client's own
  // concurrency limit (8) is the tighter bound, as for ckafka-iac.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const detail = (await read('DescribeInstancesDetail', { InstanceId: id })) as { Result?: { InstanceList?: unknown[] } };
      if ((detail.Result?.InstanceList ?? []).length > 0) found += 1;
      await read('DescribeInstanceAttributes', { InstanceId: id });
    }
  };
  await Promise.all(Array.from({ length: Math.min(10, ids.length) }, lane));
  await transport.close();
  process.stdout.write(`${JSON.stringify({ instances: ids.length, found, innerMs: Date.now() - started, stats: policy.stats() })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`baseline failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
