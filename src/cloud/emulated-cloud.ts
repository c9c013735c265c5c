/**
 * The cloud adapter connected to an emulator in this process: the production Tencent adapter,
 * unchanged, over the emulator's in-process transport. This is wiring only — every rule (paging,
 * retries, rate limits, write safety, preflight, units) is the adapter's, so what runs on the
 * embedded emulator is what runs against Tencent Cloud.
 */
import type { CloudClock } from './port';
import { createInProcessTransport } from './emulator/in-process-transport';
import type { Emulator } from './emulator/emulator';
import type { VirtualClock } from './emulator/virtual-clock';
import { createTencentCloud, type TencentCkafkaCloud } from './tencent/tencent-ckafka-cloud';
import type { TencentCloudInit } from './tencent/tencent-cloud-options';

/** Options of {@link createEmulatedCloud}: the adapter's own tuning, and how the emulator is held. */
export type EmulatedCloudOptions = Pick<TencentCloudInit, 'retry' | 'reobserveDelayMs' | 'concurrency' | 'rateLimits' | 'defaultRateLimit' | 'random' | 'onCall'> & {
  /** The region calls are made in. @default the emulator's region */
  readonly region?: string;
  /** Whether `close()` also closes the emulator. @default false */
  readonly ownsEmulator?: boolean;
};

/**
 * The clock of the adapter's own waits (back-off, rate-limit tokens, re-observation pauses): the
 * emulator's clock, except that a stopped clock nobody steps (a test's manual clock) would never
 * wake a sleeper, so there a wait only yields a turn of the event loop.
 */
export function waitClockOf(clock: VirtualClock): CloudClock {
  return {
    now: () => clock.now(),
    sleep: (ms, signal) => (clock.speed === 0 && !clock.stepOnSleep ? new Promise<void>((resolve) => setImmediate(resolve)) : clock.sleep(ms, signal)),
  };
}

/** The Tencent adapter over `emulator`'s in-process transport; its `kind` is `emulator`. */
export function createEmulatedCloud(emulator: Emulator, options: EmulatedCloudOptions = {}): TencentCkafkaCloud {
  const { region = emulator.region, ownsEmulator = false, ...tuning } = options;
  const transport = createInProcessTransport(emulator, { region });
  return createTencentCloud({
    ...tuning,
    kind: 'emulator',
    region,
    clock: emulator.clock,
    waitClock: waitClockOf(emulator.clock),
    transport: {
      request: (action, params, signal) => transport.request(action, params, signal),
      close: () => (ownsEmulator ? emulator.close() : undefined),
    },
  });
}
