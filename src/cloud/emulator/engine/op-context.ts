/** The context every operation of the domain core takes. */
import type { Faults } from '../state-schema';

/** What every operation knows about the call it serves. */
export interface OpContext {
  /** Virtual time of the call. */
  readonly now: Date;
  readonly requestId: string;
  /** The region the call was made in (`X-TC-Region`); the emulator holds one region. */
  readonly region: string;
  /** The fault settings in effect for the call (the state's, with any overrides of this process). @default the state's */
  readonly faults?: Faults;
}
