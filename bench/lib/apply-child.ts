/**
 * The apply benchmark, in its own process: N instances that all migrate data, planned and applied
 * through the Tencent adapter on the official SDK against the HTTP emulator, with every wait on
 * ONE clock, the emulator's virtual clock:
 *
 * - the emulator runs at `speed` (virtual ms per real ms), so hours of migration pass in seconds;
 * - the adapter is given the same clock (`createTencentCloud({ clock })`), so its rate-limit
 *   tokens, retries and apply's poll interval are virtual too: 20 calls per *virtual* second, a
 *   30-second poll interval of virtual time. The server's real-time rate limit windows are
 *   therefore off (the documented limits are enforced client-side, on the shared clock), and so
 *   is added latency (real milliseconds would be magnified by `speed`);
 * - the total is virtual time from the start of apply to its end; a migration's length is from
 *   its submission (the emulator's submissions ledger) to its completion (the instance's
 *   `statusSince` when it went back to running), both virtual timestamps the emulator records.
 *
 * What remains real is CPU time (ours and the emulator's), magnified by `speed`; it is reported
 * (`cpuVirtualMs`) so the reader can see it is small against the migrations.
 *
 * Usage: node -r scripts/ts-register.js bench/lib/apply-child.ts '<json options>'; prints JSON.
 */
import { applyPlan } from '../../src/apply/apply-plan';
import { planWithCloud } from '../../src/apply/plan-with-cloud';
import { createEmulator, startEmulatorServer } from '../../src/cloud/emulator';
import type { CkafkaCloud, DescribeQuery } from '../../src/cloud/port';
import { createTencentCloud } from '../../src/cloud/tencent';
import { parseFleet } from '../../src/spec/parse-fleet';
import { buildSyntheticFleet } from './fleet';

export interface ApplyBenchOptions {
  readonly instances: number;
  /**
   * Clock speed while nothing but migrations runs (virtual ms per real ms). @default 1000
   */
  readonly speed?: number;
  /**
   * Clock speed while some instance is being checked or submitted. Low, because real CPU time is
   * magnified by the speed: at 1000x a millisecond of CPU would count as a virtual second.
   * @default 5
   */
  readonly activeSpeed?: number;
  /** Poll interval in virtual ms. @default 30000 (the CLI default) */
  readonly pollIntervalMs?: number;
  /** Apply's concurrency. @default 8 (the CLI default) */
  readonly concurrency?: number;
  /** Apply's cap on changes running at once. @default none (the CLI default) */
  readonly maxRunning?: number;
  readonly topicsPerInstance?: number;
  readonly dataGB?: number;
}

export interface ApplyBenchResult {
  readonly instances: number;
  readonly concurrency: number;
  readonly maxRunning: number | null;
  readonly speed: number;
  readonly activeSpeed: number;
  readonly pollIntervalMs: number;
  readonly outcomes: Record<string, number>;
  /** Virtual ms from apply's start to its end. */
  readonly wallMs: number;
  /** Virtual ms of the longest single migration (submission to completion). */
  readonly longestSingleMs: number;
  readonly shortestSingleMs: number;
  /** Virtual ms from apply's start to the last submission. */
  readonly lastSubmitMs: number;
  /** Virtual ms from apply's start to the last completion. */
  readonly lastCompletionMs: number;
  readonly pollRounds: number;
  /** DescribeInstancesDetail calls made by the tracker's polls: ceil(tracked / 20) per round. */
  readonly pollCalls: number;
  /** Instances looked at over all poll rounds: the calls polling one instance per call would make. */
  readonly pollCallsUnbatched: number;
  readonly apiCalls: Record<string, number>;
  readonly submissions: number;
  readonly realMs: number;
  readonly cpuMs: number;
  /** CPU time as virtual time: CPU spent while checking at `activeSpeed`, the rest at `speed`. */
  readonly cpuVirtualMs: number;
}

const CREDENTIALS = { secretId: 'AKIDbenchApplyId0000000000', secretKey: 'benchApplySecretKey000000000' };

/** Counts the tracker's describe calls: calls made from inside `Tracker.run`, told by the stack. */
function countingCloud(cloud: CkafkaCloud, record: (ids: number, fromTracker: boolean) => void): CkafkaCloud {
  return new Proxy(cloud, {
    get(target, prop, receiver) {
      if (prop === 'describeInstances') {
        return (query: DescribeQuery, options?: Parameters<CkafkaCloud['describeInstances']>[1]) => {
          const fromTracker = (new Error().stack ?? '').includes('Tracker.run');
          record('ids' in query ? new Set(query.ids).size : -1, fromTracker);
          return target.describeInstances(query, options);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export async function runApplyBench(options: ApplyBenchOptions): Promise<ApplyBenchResult> {
  const start = new Date('2026-06-06T02:00:00.000Z');
  const fleet = buildSyntheticFleet({
    instances: options.instances,
    changingShare: 1,
    migrating: 'all',
    topicsPerInstance: options.topicsPerInstance ?? 3,
    dataGB: options.dataGB ?? 60,
    dataSpread: 0.8,
    now: start,
    rebalance: 'now',
  });
  const idleSpeed = options.speed ?? 1000;
  const activeSpeed = options.activeSpeed ?? 5;
  const em = createEmulator({ state: fleet.state, clock: { speed: activeSpeed, start } });
  await em.update((s) => {
    s.faults = { ...s.faults, rateLimitsEnabled: false, latencyMs: 0 };
  });
  const server = await startEmulatorServer({ emulator: em, credentials: CREDENTIALS });
  const cloud = createTencentCloud({ region: em.region, credentials: CREDENTIALS, endpoint: server.url, clock: em.clock });
  let pollCalls = 0;
  let pollCallsUnbatched = 0;
  // The adapter batches describes at the API's page size (20), so a round over k ids is ceil(k/20) calls.
  const counted = countingCloud(cloud, (ids, fromTracker) => {
    if (!fromTracker) return;
    pollCalls += Math.ceil(ids / 20);
    pollCallsUnbatched += ids;
  });
  try {
    const parsed = parseFleet(fleet.yaml, { file: 'ckafka.yaml' });
    if (parsed.value === undefined) throw new Error(`the synthetic fleet does not parse: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
    // Planning is not what this measures: let it run fast.
    em.clock.setSpeed(100);
    const plan = await planWithCloud(parsed.value, cloud);
    em.clock.setSpeed(activeSpeed);
    const before = cloud.stats();
    const cpu0 = process.cpuUsage();
    const real0 = Date.now();
    const t0 = em.clock.now().getTime();
    const pollInterval = options.pollIntervalMs ?? 30_000;
    const concurrency = options.concurrency ?? 8;
    // Instances between "checking" and the end of their submission: while there are any, the
    // clock runs slowly; otherwise only migrations and polls run and it runs fast.
    const busy = new Set<string>();
    let cpuActiveMs = 0;
    let cpuMark = process.cpuUsage();
    const setSpeed = (next: number): void => {
      if (em.clock.speed === next) return;
      const used = process.cpuUsage(cpuMark);
      if (em.clock.speed === activeSpeed) cpuActiveMs += (used.user + used.system) / 1000;
      cpuMark = process.cpuUsage();
      em.clock.setSpeed(next);
    };
    const result = await applyPlan(plan, counted, {
      pollIntervalMs: pollInterval,
      concurrency,
      ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
      onEvent: (e) => {
        if (e.type !== 'state' || e.instanceId === null) return;
        if (e.state === 'checking' || e.state === 'submitting') busy.add(e.instanceId);
        else busy.delete(e.instanceId);
        setSpeed(busy.size > 0 ? activeSpeed : idleSpeed);
      },
    });
    setSpeed(activeSpeed);
    const t1 = em.clock.now().getTime();
    const realMs = Date.now() - real0;
    const cpu = process.cpuUsage(cpu0);
    const after = cloud.stats();
    const state = em.snapshot();
    const submits = new Map<string, number>();
    for (const s of state.submissions) {
      if (s.instanceId !== null && (s.action === 'InstanceScalingDown' || s.action === 'ModifyInstancePre')) submits.set(s.instanceId, Date.parse(s.at));
    }
    const lengths: number[] = [];
    let lastCompletion = 0;
    for (const i of state.instances) {
      const at = submits.get(i.instanceId);
      if (at === undefined || i.status !== 1) continue;
      const done = Date.parse(i.statusSince);
      lengths.push(done - at);
      lastCompletion = Math.max(lastCompletion, done);
    }
    const apiCalls: Record<string, number> = {};
    for (const [k, v] of Object.entries(after.calls)) {
      const d = v - (before.calls[k] ?? 0);
      if (d > 0) apiCalls[k] = d;
    }
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      instances: options.instances,
      concurrency,
      maxRunning: options.maxRunning ?? null,
      speed: idleSpeed,
      activeSpeed,
      pollIntervalMs: pollInterval,
      outcomes: result.summary.byOutcome as Record<string, number>,
      wallMs: t1 - t0,
      longestSingleMs: lengths.length === 0 ? 0 : Math.max(...lengths),
      shortestSingleMs: lengths.length === 0 ? 0 : Math.min(...lengths),
      lastSubmitMs: submits.size === 0 ? 0 : Math.max(...submits.values()) - t0,
      lastCompletionMs: lastCompletion === 0 ? 0 : lastCompletion - t0,
      pollRounds: result.polls,
      pollCalls,
      pollCallsUnbatched,
      apiCalls,
      submissions: submits.size,
      realMs,
      cpuMs,
      cpuVirtualMs: Math.round(cpuActiveMs * activeSpeed + (cpuMs - cpuActiveMs) * idleSpeed),
    };
  } finally {
    await cloud.close();
    await server.close();
    await em.close();
  }
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as ApplyBenchOptions;
  runApplyBench(options)
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`apply bench failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
