/**
 * Rehearsing one's own fleet without a cloud account (`ckafka emulator init --from-fleet`): the
 * fleet's instances seeded by the one engine, `emulator/seed-from-declarations.ts`. This file
 * adapts its inputs: the `--current` file (current specs by instance name) becomes per-instance
 * seeds, the clock steps as the embedded emulator's, and what the engine assumed for lack of a
 * current spec is worded for stderr.
 */
import { z } from 'zod';
import { EDITIONS, type DesiredFleet } from '../spec/types';
import { rebaseEmulatorState } from './emulator/rebase-state';
import { SEED_ASSUMPTIONS, seedFromDeclarations, type DeclaredInstanceSeed, type SeedAssumed, type SeededInstance } from './emulator/seed-from-declarations';
import type { EmulatorState } from './emulator/state-schema';

/** What runs now, where it differs from the declaration (or what no declaration says). */
export function currentSpecSchema() {
  return z.strictObject({
    edition: z.enum(EDITIONS).optional().describe('The edition running now'),
    bandwidthMBps: z.number().int().positive().optional().describe('Peak bandwidth running now, MB/s'),
    diskGB: z.number().int().positive().optional().describe('Disk running now, GB'),
    partitions: z.number().int().positive().optional().describe('Partition limit running now'),
    billing: z.enum(['prepaid', 'postpaid']).optional().describe('prepaid (monthly) or postpaid (hourly, Pro only)'),
    diskUsedGB: z.number().nonnegative().optional().describe('Data held, GB, replicas included (sets the migration estimate)'),
    produceMBps: z.number().nonnegative().optional().describe('Produce traffic, MB/s (heavy traffic slows high-speed migrations)'),
    capacity: z
      .strictObject({ bandwidthMBps: z.number().int().positive().optional(), diskGB: z.number().int().positive().optional() })
      .optional()
      .describe('What the cluster can grow to without migrating data (default: the current spec, so any growth migrates)'),
    outOfSyncPartitions: z.number().int().nonnegative().optional().describe('Partitions whose last replica is out of sync (the replicas-in-sync pre-check fails)'),
    maxMessageBytes: z.number().int().positive().optional().describe('The instance MaxMessageByte; above 1 MiB a migration stalls'),
  });
}

/** The `--current` file: current specs by instance name. */
export function currentFileSchema() {
  return z.strictObject({ instances: z.record(z.string(), currentSpecSchema()).describe('By instance name, as the fleet declares it') });
}

export type CurrentSpec = z.infer<ReturnType<typeof currentSpecSchema>>;

/** Options of {@link stateFromFleet}. */
export interface StateFromFleetOptions {
  /** The state's virtual time (its clock steps only when a client waits, as the embedded emulator's). */
  readonly now: Date;
  /** The region the state holds. @default the fleet's, else ap-guangzhou */
  readonly region?: string;
  /** Current specs by instance name, where they differ from the declaration. @default none: every instance runs as declared */
  readonly current?: Readonly<Record<string, CurrentSpec>>;
}

/** The state, what was assumed, and the id each instance got. */
export interface FleetState {
  readonly state: EmulatorState;
  /** Assumptions and choices, in words, for stderr. */
  readonly notes: readonly string[];
  /** Each instance's id in the state; `generated` for a declaration without one. */
  readonly instances: readonly SeededInstance[];
}

/** Keeps the fields that are set: a seed's absent field takes the engine's default. */
function given<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The engine's seed for a `--current` entry: the names of the file mapped onto the seed's. */
function seedOfCurrent(c: CurrentSpec): DeclaredInstanceSeed {
  return {
    running: given({ edition: c.edition, bandwidthMBps: c.bandwidthMBps, diskGB: c.diskGB, partitions: c.partitions }),
    ...given({
      chargeType: c.billing === undefined ? undefined : c.billing === 'prepaid' ? ('PREPAID' as const) : ('POSTPAID_BY_HOUR' as const),
      capacity: c.capacity === undefined ? undefined : given(c.capacity),
      dataGB: c.diskUsedGB,
      produceMBps: c.produceMBps,
      outOfSyncPartitions: c.outOfSyncPartitions,
      maxMessageBytes: c.maxMessageBytes,
    }),
  };
}

/**
 * An emulator state holding `fleet`'s instances at `options.now`, on a clock that moves only when
 * a client waits. Instances without an `instanceId` get a stable generated one (plans match them by
 * name). Throws `EmulatorStateError` for a current spec the emulator cannot hold.
 */
export function stateFromFleet(fleet: DesiredFleet, options: StateFromFleetOptions): FleetState {
  const current = options.current ?? {};
  const seeded = seedFromDeclarations(fleet.instances, {
    region: options.region ?? fleet.region ?? 'ap-guangzhou',
    now: options.now,
    instances: Object.fromEntries(Object.entries(current).map(([name, c]) => [name, seedOfCurrent(c)])),
  });
  const state = rebaseEmulatorState(seeded.state, options.now, { speed: 0, realAt: Date.now(), stepOnSleep: true });
  return { state, notes: notesOf(seeded.assumed), instances: seeded.instances };
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** What the engine assumed, in the `--current` file's words. */
function notesOf(assumed: SeedAssumed): string[] {
  const notes: string[] = [];
  if (assumed.chargeType.length > 0)
    notes.push(`billing assumed prepaid (monthly) for ${listNames(assumed.chargeType)}: set billing: postpaid in the --current file for hourly Pro instances (it decides ModifyInstancePre or InstanceScalingDown)`);
  const held = `${percent(SEED_ASSUMPTIONS.dataShareOfDisk)} of the disk`;
  const produced = `${percent(SEED_ASSUMPTIONS.produceShareOfBandwidth)} of the bandwidth`;
  if (assumed.dataGB.length > 0 && assumed.dataGB.join('\u0000') === assumed.produceMBps.join('\u0000'))
    notes.push(`data held assumed ${held} and produce traffic ${produced} for ${listNames(assumed.dataGB)} (diskUsedGB, produceMBps in --current set them; they drive the migration estimate)`);
  else {
    if (assumed.dataGB.length > 0) notes.push(`data held assumed ${held} for ${listNames(assumed.dataGB)} (diskUsedGB in --current sets it; it drives the migration estimate)`);
    if (assumed.produceMBps.length > 0) notes.push(`produce traffic assumed ${produced} for ${listNames(assumed.produceMBps)} (produceMBps in --current sets it; heavy traffic slows high-speed migrations)`);
  }
  if (assumed.capacity.length > 0)
    notes.push(`no headroom: any bandwidth or disk growth migrates data for ${listNames(assumed.capacity)}, the cautious reading (capacity in --current sets the headroom; DescribeModifyType decides for real)`);
  return notes;
}

function listNames(names: readonly string[]): string {
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
}
