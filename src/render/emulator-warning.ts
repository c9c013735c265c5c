/** The warning that tells a plan made against the emulator from one that describes a real fleet. */
import type { Plan } from '../plan/types';

/** The warning a plan made against an emulator carries at its top: it describes no real fleet. */
export function emulatorWarning(plan: Pick<Plan, 'cloud'>): string | undefined {
  return plan.cloud.kind === 'emulator'
    ? 'EMULATOR: this plan was made against the CKafka emulator, not Tencent Cloud; its instances, prices and checks are simulated, and applying it changes nothing real'
    : undefined;
}
