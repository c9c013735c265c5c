/**
 * The messages between a bench or soak process and its emulator host (emulator-host.ts).
 */
import type { EmulatorCredentials, Faults } from '../../src/cloud/emulator';

export interface HostConfig {
  /** A JSON state to serve from memory. */
  readonly initialStatePath?: string;
  /** A state file to serve from (shared with nothing else; the soak's). */
  readonly statePath?: string;
  /** Virtual clock speed (virtual ms per real ms), written to the state. @default the state's */
  readonly speed?: number;
  /** Virtual start time (ISO) of a re-anchored clock. */
  readonly start?: string;
  readonly faults?: Partial<Faults>;
  readonly credentials: EmulatorCredentials;
}

/** What the host served for one action. */
export interface ActionCounters {
  calls: number;
  ok: number;
  /** Answered with an API error other than throttling. */
  apiErrors: number;
  /** RequestLimitExceeded from the per-action rate limit. */
  rateLimited: number;
  /** RequestLimitExceeded injected by `throttleRate`. */
  injectedThrottles: number;
  /** HTTP 500/503 injected by `errorRate`. */
  unavailable: number;
  /** Connection dropped before applying (`dropRate`). */
  dropBefore: number;
  /** Applied, then the connection dropped (`dropAfterRate`). */
  dropAfter: number;
  /** Answers delayed by a latency spike. */
  latencySpikes: number;
}

export type HostCounters = Record<string, ActionCounters>;

export interface HostInstanceSummary {
  readonly instanceId: string;
  readonly status: number;
  readonly statusSince: string;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
  readonly task: { readonly target: { bandwidthMBps: number; diskGB: number; partitions: number }; readonly startedAt: string; readonly migrate: boolean; readonly phase: string } | null;
}

export interface HostSubmission {
  readonly at: string;
  readonly action: string;
  readonly instanceId: string | null;
  readonly params: Record<string, unknown>;
  readonly requestId: string;
}

export interface HostSummary {
  readonly virtualNow: string;
  readonly speed: number;
  readonly calls: Record<string, number>;
  readonly instances: readonly HostInstanceSummary[];
  readonly submissions: readonly HostSubmission[];
}

export interface HostReady {
  readonly url: string;
  readonly port: number;
  readonly endpoint: string;
}

export type HostRequest =
  | { readonly id: number; readonly cmd: 'counters' }
  | { readonly id: number; readonly cmd: 'reset' }
  | { readonly id: number; readonly cmd: 'summary'; readonly detail?: boolean }
  | { readonly id: number; readonly cmd: 'faults'; readonly faults: Partial<Faults> }
  | { readonly id: number; readonly cmd: 'stop' };

export type HostResponse = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };
