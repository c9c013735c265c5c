/**
 * Pre-checks of one instance with thousands of topics: `ckafka plan` of a one-instance fleet whose
 * change needs the pre-check facts, against the HTTP emulator with latency and rate limits. The
 * replica-sync check needs one DescribeTopicSyncReplica per replicated topic (the action takes a
 * TopicName), limited to 5 calls a second: that sets the floor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloudEnv } from './env';
import { startEmulatorHost } from './emulator-process';
import { rateLimitFloor, requiredCalls, total } from './floor';
import { buildSyntheticFleet } from './fleet';
import { BENCH_CREDENTIALS } from './plan-bench';
import { CLI, runNode } from './run-process';

export interface PrecheckResult {
  readonly topics: number;
  readonly wallMs: number;
  readonly apiCalls: number;
  readonly apiCallsByAction: Record<string, number>;
  readonly throttled: number;
  readonly floorMs: number;
  readonly floorAction: string | null;
  readonly rssMB: number;
}

export async function benchPrecheck(options: { readonly topics: number; readonly latencyMs: number; readonly workDir: string; readonly log: (line: string) => void }): Promise<PrecheckResult> {
  const dir = path.join(options.workDir, `precheck-${options.topics}`);
  fs.mkdirSync(dir, { recursive: true });
  const fleet = buildSyntheticFleet({ instances: 1, changingShare: 1, migrating: 'all', topicsPerInstance: options.topics, partitionsPerTopic: 1, now: new Date(), rebalance: 'window' });
  const statePath = path.join(dir, 'state.json');
  fs.writeFileSync(statePath, JSON.stringify(fleet.state));
  const fleetFile = path.join(dir, 'ckafka.yaml');
  fs.writeFileSync(fleetFile, fleet.yaml);
  const host = await startEmulatorHost({ initialStatePath: statePath, credentials: BENCH_CREDENTIALS, faults: { latencyMs: options.latencyMs }, speed: 1 });
  try {
    options.log(`  1 instance, ${options.topics} topics`);
    await host.reset();
    const r = await runNode(CLI, ['plan', fleetFile, '--endpoint', host.url, '--format', 'json'], { cwd: dir, env: cloudEnv(BENCH_CREDENTIALS), probe: true });
    if (r.code !== 0) throw new Error(`ckafka plan (pre-checks) exited with ${r.signal ?? r.code}: ${r.stderr.slice(-2000)}`);
    const counters = await host.counters();
    const calls = requiredCalls(counters);
    const floor = rateLimitFloor(calls);
    return {
      topics: options.topics,
      wallMs: Math.round(r.wallMs),
      apiCalls: total(calls),
      apiCallsByAction: calls,
      throttled: Object.values(counters).reduce((a, c) => a + c.rateLimited + c.injectedThrottles, 0),
      floorMs: floor.floorMs,
      floorAction: floor.bottleneck,
      rssMB: Math.round(((r.maxRssKB ?? 0) / 1024) * 10) / 10,
    };
  } finally {
    await host.stop();
  }
}
