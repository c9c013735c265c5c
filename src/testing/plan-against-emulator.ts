/**
 * The plan a declared fleet gets against an emulator where it runs as a test says: the one call a
 * team's unit test needs to assert on what `ckafka plan` (or a Pulumi preview) would show.
 */
import { planWithCloud } from '../apply/plan-with-cloud';
import type { Plan } from '../plan/types';
import type { DesiredFleet } from '../spec/types';
import { createTestCloud, type TestCloudOptions } from './create-test-cloud';

/** Options of {@link planAgainstEmulator}. */
export interface PlanAgainstEmulatorOptions extends TestCloudOptions {
  /**
   * The plan's `now`: windows and `at` times are scheduled from it.
   *
   * @default - the current time; pass a fixed one for a test that does not depend on the day it runs
   */
  readonly now?: Date;
}

/**
 * Plans `fleet` against an in-memory emulator seeded from the fleet itself: each instance runs its
 * declared spec unless `options.instances[name].running` says what runs instead. The region is the
 * fleet's (else `options.region`, else ap-guangzhou). Deterministic for the same fleet and options.
 *
 * @example
 * const plan = await planAgainstEmulator(fleet, { now: new Date('2026-03-02T02:00:00Z'), instances: { orders: { running: { bandwidthMBps: 200 } } } });
 * expect(plan.instances[0].schedule.kind).toBe('window');
 */
export async function planAgainstEmulator(fleet: DesiredFleet, options: PlanAgainstEmulatorOptions = {}): Promise<Plan> {
  const now = options.now ?? new Date();
  const region = fleet.region ?? options.region;
  const test = createTestCloud(fleet.instances, { ...options, now, ...(region === undefined ? {} : { region }) });
  try {
    return await planWithCloud(fleet, test.cloud, { now });
  } finally {
    await test.close();
  }
}
