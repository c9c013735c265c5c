/**
 * A cloud for a team's own tests: the production adapter over an in-memory emulator seeded from
 * the team's declarations, on a clock that moves only when ckafka waits.
 */
import { createEmulatedCloud } from '../cloud/emulated-cloud';
import { createEmulator, type Emulator } from '../cloud/emulator/emulator';
import { seedStateFromDeclarations, type InstanceDeclaration, type SeedFromDeclarationsOptions } from '../cloud/emulator/seed-from-declarations';
import type { Faults } from '../cloud/emulator/state-schema';
import { createVirtualClock, type VirtualClock } from '../cloud/emulator/virtual-clock';
import type { CkafkaCloud } from '../cloud/port';

/** Options of {@link createTestCloud}: how the declared instances run, and the emulator's faults. */
export interface TestCloudOptions extends Omit<SeedFromDeclarationsOptions, 'speed'> {
  /**
   * Fault settings of the emulator (throttling, errors, latency, rate limits).
   *
   * @default - no faults; the API's documented rate limits, which the adapter waits out on the clock
   */
  readonly faults?: Partial<Faults>;
}

/** An emulated cloud and what a test may inspect or move. */
export interface TestCloud {
  /** The production Tencent adapter over the emulator; its `kind` is `emulator`. */
  readonly cloud: CkafkaCloud;
  /** The emulator: `snapshot()` shows its state and the writes it accepted (`submissions`). */
  readonly emulator: Emulator;
  /** Stopped at `now`; a wait of ckafka's moves it by the time waited, and `advance(ms)` moves it. */
  readonly clock: VirtualClock;
  /** Releases the cloud and the emulator. */
  close(): Promise<void>;
}

/**
 * An in-memory emulator holding the declared instances (see `seedStateFromDeclarations` for what
 * runs and the cautious defaults), and the adapter over it. Plans made against it are
 * deterministic: the clock starts at `options.now` and moves only when ckafka waits.
 *
 * @example
 * const { cloud, close } = createTestCloud(fleet.instances, { now, instances: { orders: { running: { bandwidthMBps: 200 } } } });
 */
export function createTestCloud(declarations: readonly InstanceDeclaration[], options: TestCloudOptions = {}): TestCloud {
  const { faults, ...seeding } = options;
  const now = seeding.now ?? new Date();
  const clock = createVirtualClock({ start: now, speed: 0, stepOnSleep: true });
  const state = seedStateFromDeclarations(declarations, { ...seeding, now, speed: 0 });
  const emulator = createEmulator({ state, clock, ...(faults === undefined ? {} : { faults }) });
  const cloud = createEmulatedCloud(emulator);
  return {
    cloud,
    emulator,
    clock,
    close: async () => {
      await cloud.close();
      await emulator.close();
    },
  };
}
