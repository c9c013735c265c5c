/**
 * Shared set-up for the apply orchestrator tests: the emulator's seed fleet in memory, a clock
 * that moves only when someone waits (so a migration of hours is followed in milliseconds and no
 * test waits in real time), small fleet files, and plans that went through their JSON form as
 * `ckafka apply` reads them.
 */
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { applyPlan, loadPlan, planWithCloud } from '../../src/apply';
import type { ApplyEvent, ApplyResult, InstanceResult, ApplyOptions } from '../../src/apply';
import { createEmulator, createSeedState, createVirtualClock, sealEmulatorState, type Emulator, type EmulatorState, type Submission, type VirtualClock } from '../../src/cloud/emulator';
import type { CkafkaCloud } from '../../src/cloud/port';
import type { Plan } from '../../src/plan/types';
import { renderJson } from '../../src/render';
import { parseFleet } from '../../src/spec/parse-fleet';
import type { DesiredFleet } from '../../src/spec/types';

/** Monday 2 March 2026, 10:00 in Shanghai: outside a weekend window. */
export const T0 = new Date('2026-03-02T02:00:00Z');
/** The next opening of the weekend window below: Saturday 7 March 01:00 Asia/Shanghai. */
export const NEXT_WINDOW_OPENING = '2026-03-06T17:00:00.000Z';
export const WEEKEND_WINDOW = '{ window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export { SEED, fleetYaml, type Decl, type SeedName } from '../support/seed-fleet';

/** A clock stopped at `start` that moves by exactly what anyone sleeps (the CLI's embedded emulator clock). */
export function steppingClock(start: Date = T0): VirtualClock {
  return createVirtualClock({ start, speed: 0, stepOnSleep: true });
}

export interface World {
  readonly em: Emulator;
  readonly clock: VirtualClock;
  readonly cloud: CkafkaCloud;
}

function worldSeed(): EmulatorState {
  const state = createSeedState({ now: T0 });
  state.faults.rateLimitsEnabled = false;
  return state;
}

let unchangedSeed: EmulatorState | undefined;

/**
 * The seed fleet in memory at {@link T0} on a stepping clock. Rate limits are off: on a clock
 * that stands still between waits, a burst of pre-check reads would all fall in one virtual
 * second; the tests that care about throttling inject it.
 */
export function newWorld(mutate?: (s: EmulatorState) => void, clock: VirtualClock = steppingClock()): World {
  let state: EmulatorState;
  if (mutate === undefined) {
    // The same state for every such world: validated once per file, each emulator works on its own copy.
    state = unchangedSeed ??= sealEmulatorState(worldSeed());
  } else {
    state = worldSeed();
    mutate(state);
  }
  const em = createEmulator({ state, clock });
  return { em, clock, cloud: createEmulatedCloud(em) };
}

const parsedFleets = new Map<string, DesiredFleet>();

/** The fleet file parsed, once per text and time in a test file (property runs plan the same file again and again); a copy each time. */
function fleetOf(yaml: string, now: Date): DesiredFleet {
  const key = `${now.toISOString()}\n${yaml}`;
  let fleet = parsedFleets.get(key);
  if (fleet === undefined) {
    const parsed = parseFleet(yaml, { file: 'fleet.yaml', now });
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    if (parsed.value === undefined || errors.length > 0) throw new Error(`test fleet is invalid: ${JSON.stringify(errors)}`);
    fleet = parsed.value;
    parsedFleets.set(key, fleet);
  }
  return structuredClone(fleet);
}

/** The plan of a fleet file against the world, as `ckafka apply` would read it back from plan.json. */
export async function planFor(world: Pick<World, 'cloud'>, yaml: string): Promise<Plan> {
  const plan = await planWithCloud(fleetOf(yaml, world.cloud.clock.now()), world.cloud);
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

/** Yields to the event loop until `done()` or a bounded number of turns (no real waiting). */
export async function until(done: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((r) => setImmediate(r));
  if (!done()) throw new Error('condition not reached');
}

/** A cloud whose clock never wakes up: an apply on it stops forever at its first wait, like a killed process. */
export function frozen(cloud: CkafkaCloud): CkafkaCloud {
  return Object.assign(Object.create(cloud) as CkafkaCloud, { clock: { now: () => cloud.clock.now(), sleep: () => new Promise<void>(() => undefined) } });
}
