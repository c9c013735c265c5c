/** The faults the soak injects through the emulator host: the profiles a run draws from, and the counts of what was injected. */
import type { Faults } from '../../src/cloud/emulator';
import type { HostCounters } from './emulator-protocol';

/** Every injected fault off: the soak's last attempts of a run, as a storm passes. */
export const FAULTS_OFF: Partial<Faults> = { throttleRate: 0, errorRate: 0, dropRate: 0, dropAfterRate: 0, latencySpikeRate: 0, latencySpikeMs: 0 };

/** The fault profiles a run draws one of, by name. */
export const FAULT_PROFILES: Readonly<Record<string, Partial<Faults>>> = {
  throttling: { throttleRate: 0.15 },
  '5xx': { errorRate: 0.08 },
  'drop-before': { dropRate: 0.06 },
  'drop-after': { dropAfterRate: 0.08 },
  'latency-spikes': { latencySpikeRate: 0.1, latencySpikeMs: 1500 },
  storm: { throttleRate: 0.06, errorRate: 0.04, dropRate: 0.03, dropAfterRate: 0.05, latencySpikeRate: 0.04, latencySpikeMs: 800 },
  // Beyond what retries absorb: commands fail, and must say why with an issue code.
  outage: { errorRate: 0.45, dropRate: 0.15, dropAfterRate: 0.1 },
};

/** The faults injected over the whole soak, by kind, and the calls they were among. */
export interface FaultTotals {
  readonly injected: number;
  readonly throttles: number;
  readonly unavailable: number;
  readonly dropBefore: number;
  readonly dropAfter: number;
  readonly spikes: number;
  readonly calls: number;
}

/** Adds up the host's per-action counters. */
export function sumFaults(counters: HostCounters): FaultTotals {
  const out = { injected: 0, throttles: 0, unavailable: 0, dropBefore: 0, dropAfter: 0, spikes: 0, calls: 0 };
  for (const c of Object.values(counters)) {
    out.throttles += c.injectedThrottles;
    out.unavailable += c.unavailable;
    out.dropBefore += c.dropBefore;
    out.dropAfter += c.dropAfter;
    out.spikes += c.latencySpikes;
    out.calls += c.calls;
  }
  out.injected = out.throttles + out.unavailable + out.dropBefore + out.dropAfter + out.spikes;
  return out;
}
