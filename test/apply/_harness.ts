/**
 * Shared set-up for the apply orchestrator tests: the emulator's seed fleet in memory, a clock
 * that moves only when someone waits (so a migration of hours is followed in milliseconds and no
 * test waits in real time), small fleet files, and plans that went through their JSON form as
 * `ckafka apply` reads them.
 */
import { applyPlan, loadPlan, planWithCloud, type ApplyOptions } from '../../src/apply';
import type { ApplyEvent, ApplyResult, InstanceResult } from '../../src/apply';
import { createEmulator, createSeedState, createVirtualClock, type Emulator, type EmulatorState, type Submission, type VirtualClock } from '../../src/cloud/emulator';
import type { CkafkaCloud } from '../../src/cloud/port';
import type { Plan } from '../../src/plan/types';
import { renderJson } from '../../src/render';
import { parseFleet } from '../../src/spec/parse-fleet';

/** Monday 2 March 2026, 10:00 in Shanghai: outside a weekend window. */
export const T0 = new Date('2026-03-02T02:00:00Z');
/** The next opening of the weekend window below: Saturday 7 March 01:00 Asia/Shanghai. */
export const NEXT_WINDOW_OPENING = '2026-03-06T17:00:00.000Z';
export const WEEKEND_WINDOW = '{ window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** Seed instances and their specs (src/cloud/emulator/seed-state.ts). */
export const SEED = {
  // Pro prepaid, room to grow to 400 MB/s / 6000 GB in place.
  orders: { id: 'ckafka-9x2kq7pe', edition: 'pro', bw: 200, disk: 3000, partitions: 1400 },
  // Pro postpaid at capacity: any bandwidth or disk increase migrates 900 GB.
  payments: { id: 'ckafka-4m7tz1bc', edition: 'pro', bw: 120, disk: 2000, partitions: 1200 },
  // Pro postpaid, MaxMessageByte 8 MiB, capacity 200 MB/s / 5000 GB.
  'media-uploads': { id: 'ckafka-3rf6w8ya', edition: 'pro', bw: 160, disk: 4000, partitions: 1400 },
  // Advanced prepaid with an out-of-sync replica.
  audit: { id: 'ckafka-2pd8v6fj', edition: 'advanced', bw: 40, disk: 500, partitions: 800 },
  // Standard prepaid: no spec change by API.
  'legacy-events': { id: 'ckafka-5ct9y4ks', edition: 'standard', bw: 100, disk: 1500, partitions: 100 },
  // Pro postpaid, capacity 400 MB/s / 4000 GB: in place.
  'cdktf-clickstream': { id: 'ckafka-6kx1c7lm', edition: 'pro', bw: 200, disk: 2000, partitions: 1400 },
  // Pro prepaid, capacity 400 MB/s / 6000 GB: in place.
  'pulumi-orders': { id: 'ckafka-pu1ord3r', edition: 'pro', bw: 200, disk: 3000, partitions: 1400 },
  // Pro postpaid at capacity (like payments): migrates.
  'pulumi-events': { id: 'ckafka-pu1evt5x', edition: 'pro', bw: 120, disk: 2000, partitions: 1200 },
} as const;
export type SeedName = keyof typeof SEED;

export interface Decl {
  readonly edition?: string;
  readonly bw?: number;
  readonly disk?: number;
  readonly partitions?: number;
  /** YAML for `upgrade.rebalance`: `now`, `{ at: "…" }` or a window. */
  readonly rebalance?: string;
  readonly mode?: 'stable' | 'high-speed';
}

/** A fleet file declaring seed instances, each at its seed spec unless overridden. */
export function fleetYaml(decls: Partial<Record<SeedName, Decl>>): string {
  const lines = ['region: ap-guangzhou', 'instances:'];
  for (const [name, d] of Object.entries(decls) as [SeedName, Decl][]) {
    const s = SEED[name];
    lines.push(
      `  - name: ${name}`,
      `    instanceId: ${s.id}`,
      `    edition: ${d.edition ?? s.edition}`,
      `    bandwidthMBps: ${d.bw ?? s.bw}`,
      `    diskGB: ${d.disk ?? s.disk}`,
      `    partitions: ${d.partitions ?? s.partitions}`,
      '    upgrade:',
      `      rebalance: ${d.rebalance ?? 'now'}`,
      `      mode: ${d.mode ?? 'stable'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A clock stopped at `start` that moves by exactly what anyone sleeps (the CLI's embedded emulator clock). */
export function steppingClock(start: Date = T0): VirtualClock {
  return createVirtualClock({ start, speed: 0, stepOnSleep: true });
}

export interface World {
  readonly em: Emulator;
  readonly clock: VirtualClock;
  readonly cloud: CkafkaCloud;
}

/**
 * The seed fleet in memory at {@link T0} on a stepping clock. Rate limits are off: on a clock
 * that stands still between waits, a burst of pre-check reads would all fall in one virtual
 * second; the tests that care about throttling inject it.
 */
export function newWorld(mutate?: (s: EmulatorState) => void, clock: VirtualClock = steppingClock()): World {
  const state = createSeedState({ now: T0 });
  state.faults.rateLimitsEnabled = false;
  mutate?.(state);
  const em = createEmulator({ state, clock });
  return { em, clock, cloud: em.cloud() };
}

/** The plan of a fleet file against the world, as `ckafka apply` would read it back from plan.json. */
export async function planFor(world: Pick<World, 'cloud'>, yaml: string): Promise<Plan> {
  const parsed = parseFleet(yaml, { file: 'fleet.yaml', now: world.cloud.clock.now() });
  const errors = parsed.issues.filter((i) => i.severity === 'error');
  if (parsed.value === undefined || errors.length > 0) throw new Error(`test fleet is invalid: ${JSON.stringify(errors)}`);
  const plan = await planWithCloud(parsed.value, world.cloud);
  const loaded = loadPlan(renderJson(plan), 'plan.json');
  if (loaded.plan === undefined) throw new Error(`the rendered plan does not load: ${JSON.stringify(loaded.issues)}`);
  return loaded.plan;
}

/** Applies with a poll interval that keeps the number of polls small; tests override what they are about. */
export function apply(plan: Plan, cloud: CkafkaCloud, options: ApplyOptions = {}): ReturnType<typeof applyPlan> {
  return applyPlan(plan, cloud, { pollIntervalMs: 5 * MINUTE, ...options });
}

/** The spec changes the cloud accepted (ModifyInstancePre, InstanceScalingDown). */
export function specSubmissions(em: Emulator, instanceId?: string): Submission[] {
  return em
    .snapshot()
    .submissions.filter((s) => (s.action === 'ModifyInstancePre' || s.action === 'InstanceScalingDown') && (instanceId === undefined || s.instanceId === instanceId));
}

/** Every accepted write. */
export function writes(em: Emulator): Submission[] {
  return em.snapshot().submissions;
}

/** The result for one instance by name. */
export function resultOf(result: ApplyResult, name: string): InstanceResult {
  const r = result.instances.find((i) => i.name === name);
  if (r === undefined) throw new Error(`no result for ${name}: ${result.instances.map((i) => i.name).join(', ')}`);
  return r;
}

/** The instance in the emulator's state. */
export function instanceOf(em: Emulator, id: string) {
  const found = em.snapshot().instances.find((i) => i.instanceId === id);
  if (found === undefined) throw new Error(`no instance ${id}`);
  return found;
}

/** Collects apply events. */
export function recorder(): { events: ApplyEvent[]; onEvent: (e: ApplyEvent) => void } {
  const events: ApplyEvent[] = [];
  return { events, onEvent: (e) => void events.push(e) };
}
