/**
 * The one way to seed an emulator from declarations: every declared instance exists, running its
 * declared spec unless a seed says otherwise, so a plan against it shows exactly the changes a
 * test (or a rehearsal) describes. Used by `ckafka-iac/testing` for a team's own tests, and by
 * `ckafka emulator init --from-fleet` (`cloud/state-from-fleet.ts` reads the `--current` file into
 * seeds and words what was assumed).
 *
 * What declarations do not say is filled in on the cautious side, each default stated once on
 * {@link DeclaredInstanceSeed} and {@link SEED_ASSUMPTIONS}: the cluster has no room to grow (any
 * increase migrates data), half the disk holds data, a quarter of the bandwidth is produced, and
 * billing is prepaid (the mode cannot be chosen).
 */
import { createHash } from 'node:crypto';
import { CATALOG } from '../../spec/catalog';
import { INSTANCE_ID_PATTERN } from '../../spec/fleet-schema';
import type { ChargeType, SpecValues } from '../../spec/types';
import { EmulatorStateError } from './api-error';
import { createSeedBuilder, seedZones, type SeedStateOptions } from './seed-state';
import type { EmulatorState, InstanceState, ZoneState } from './state-schema';

/** What the emulator needs of a declared instance: a fleet entry, cdktf props or Pulumi inputs all have it. */
export interface InstanceDeclaration extends SpecValues {
  readonly name: string;
  /** @default - an id derived from the name (`ckafka-` and 8 letters or digits), the same on every run */
  readonly instanceId?: string;
  /** @default - see {@link DeclaredInstanceSeed.chargeType} */
  readonly chargeType?: ChargeType;
  /** @default - the region's first zone */
  readonly zoneId?: number;
  /** @default 'CLOUD_PREMIUM' */
  readonly diskType?: string;
  /** @default '2.8.1' */
  readonly kafkaVersion?: string;
}

/** How one declared instance runs in the seeded emulator; every field has a cautious default. */
export interface DeclaredInstanceSeed {
  /**
   * The spec running in the cloud, field by field.
   *
   * @default - the declared spec: a plan shows no change
   */
  readonly running?: Partial<SpecValues>;
  /**
   * Billing of the instance (postpaid is for Pro only, as the catalog sells it).
   *
   * @default - the declaration's `chargeType`, else `PREPAID` (as the Terraform provider), whose
   * changes take no mode: a high-speed declaration is planned as the cloud's default
   */
  readonly chargeType?: ChargeType;
  /**
   * What the cluster can grow to without new brokers; a target beyond it migrates data.
   *
   * @default - the running spec: any increase of bandwidth or disk migrates data
   */
  readonly capacity?: { readonly bandwidthMBps?: number; readonly diskGB?: number };
  /**
   * Data held, GB, replicas included: what a migration moves, and the floor of a disk decrease.
   *
   * @default - half the running disk (`SEED_ASSUMPTIONS.dataShareOfDisk`)
   */
  readonly dataGB?: number;
  /**
   * Produce traffic, MB/s (a high-speed migration competes with it; a scale-down is checked against it).
   *
   * @default - a quarter of the running bandwidth (`SEED_ASSUMPTIONS.produceShareOfBandwidth`)
   */
  readonly produceMBps?: number;
  /**
   * Partitions whose last replica is out of sync (the `replicas-in-sync` pre-check fails).
   *
   * @default 0
   */
  readonly outOfSyncPartitions?: number;
  /**
   * Instance-level MaxMessageByte; above 1 MiB a migration stalls (`max-message-bytes` check).
   *
   * @default 1048576
   */
  readonly maxMessageBytes?: number;
}

/** Options of {@link seedFromDeclarations}. */
export interface SeedFromDeclarationsOptions extends SeedStateOptions {
  /** How each instance runs, by declared name. @default - every instance at its declared spec */
  readonly instances?: Readonly<Record<string, DeclaredInstanceSeed>>;
}

/**
 * The figures behind the defaults of {@link DeclaredInstanceSeed} and the zones, for a front end
 * that words what it assumed (`ckafka emulator init` lists them on stderr).
 */
export const SEED_ASSUMPTIONS = {
  /** Share of the running disk held as data when `dataGB` is not given. */
  dataShareOfDisk: 0.5,
  /** Share of the running bandwidth produced when `produceMBps` is not given. */
  produceShareOfBandwidth: 0.25,
  /**
   * Disk stock of every zone, GB: every zone of the region is in stock, so no pre-check fails and
   * no migration runs short of disk for a reason nobody declared.
   */
  zoneDiskStockGB: 100_000,
} as const;

/** The id each declared instance got. */
export interface SeededInstance {
  readonly name: string;
  readonly instanceId: string;
  /** The declaration has no id: this one was derived from the name (plans find the instance by name). */
  readonly generated: boolean;
}

/** The names of the instances each default was taken for, by seed field. */
export interface SeedAssumed {
  readonly chargeType: readonly string[];
  readonly capacity: readonly string[];
  readonly dataGB: readonly string[];
  readonly produceMBps: readonly string[];
}

/** What {@link seedFromDeclarations} built, and what it assumed. */
export interface SeededState {
  readonly state: EmulatorState;
  readonly instances: readonly SeededInstance[];
  readonly assumed: SeedAssumed;
}

/** A stable id for a declaration without one: the same name gives the same id in every run. */
function idFromName(name: string, taken: ReadonlySet<string>): string {
  for (let salt = 0; ; salt++) {
    const digits = BigInt(`0x${createHash('sha256').update(`${name}\u0000${salt}`).digest('hex').slice(0, 16)}`).toString(36).padStart(8, '0').slice(-8);
    const id = `ckafka-${digits}`;
    if (INSTANCE_ID_PATTERN.test(id) && !taken.has(id)) return id;
  }
}

function refuse(message: string): never {
  throw new EmulatorStateError('emulator/state-invalid', undefined, `cannot seed the emulator: ${message}`);
}

function wholeNumber(value: number | undefined, what: string, min = 1): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) refuse(`${what} must be a whole number of at least ${min}, got ${String(value)}`);
}

function runningSpec(d: InstanceDeclaration, seed: DeclaredInstanceSeed): SpecValues {
  const spec = { edition: d.edition, bandwidthMBps: d.bandwidthMBps, diskGB: d.diskGB, partitions: d.partitions, ...seed.running };
  if (!(spec.edition in CATALOG)) refuse(`${d.name}: edition ${JSON.stringify(spec.edition)} is not standard, advanced or pro`);
  wholeNumber(spec.bandwidthMBps, `${d.name}: bandwidthMBps`);
  wholeNumber(spec.diskGB, `${d.name}: diskGB`);
  wholeNumber(spec.partitions, `${d.name}: partitions`);
  return spec;
}

/** Each declaration with its id: the declared one (checked), else one derived from its name that no other instance has. */
function withIds(declarations: readonly InstanceDeclaration[]): Array<{ readonly d: InstanceDeclaration; readonly id: SeededInstance }> {
  const taken = new Set(declarations.flatMap((d) => (d.instanceId === undefined ? [] : [d.instanceId])));
  const seen = new Set<string>();
  return declarations.map((d) => {
    if (d.instanceId !== undefined) {
      if (!INSTANCE_ID_PATTERN.test(d.instanceId)) refuse(`${d.name}: instanceId ${JSON.stringify(d.instanceId)} is not \`ckafka-\` and 8 lowercase letters or digits`);
      if (seen.has(d.instanceId)) refuse(`instanceId ${d.instanceId} is declared twice`);
      seen.add(d.instanceId);
      return { d, id: { name: d.name, instanceId: d.instanceId, generated: false } };
    }
    const instanceId = idFromName(d.name, taken);
    taken.add(instanceId);
    return { d, id: { name: d.name, instanceId, generated: true } };
  });
}

/**
 * An emulator state holding each declared instance in `options.region`'s zones (every one in
 * stock, {@link SEED_ASSUMPTIONS}), the ids they got, and the names each default was taken for.
 * Deterministic for the same declarations and options. Throws `EmulatorStateError`
 * (`emulator/state-invalid`) for a declaration the emulator cannot hold: a malformed or repeated
 * instance id, a repeated name, a spec or seed value out of range, billing the edition is not
 * sold with, or a seed for a name not declared.
 */
export function seedFromDeclarations(declarations: readonly InstanceDeclaration[], options: SeedFromDeclarationsOptions = {}): SeededState {
  const region = options.region ?? 'ap-guangzhou';
  const now = options.now ?? new Date();
  const seeds = options.instances ?? {};
  const names = new Set<string>();
  for (const d of declarations) {
    if (names.has(d.name)) refuse(`the name ${JSON.stringify(d.name)} is declared twice`);
    names.add(d.name);
  }
  for (const name of Object.keys(seeds)) if (!names.has(name)) refuse(`options.instances names ${JSON.stringify(name)}, which is not declared`);

  const stocked = (zoneId: number, name: string): ZoneState => ({ zoneId, name, soldOut: false, diskStockGB: SEED_ASSUMPTIONS.zoneDiskStockGB });
  const zones = seedZones(region).map((z) => stocked(z.zoneId, z.name));
  const builder = createSeedBuilder(now);
  const declared = withIds(declarations);
  const assumed = { chargeType: [] as string[], capacity: [] as string[], dataGB: [] as string[], produceMBps: [] as string[] };
  const instances: InstanceState[] = declared.map(({ d, id }, index) => {
    const seed = seeds[d.name] ?? {};
    const spec = runningSpec(d, seed);
    const chargeType = seed.chargeType ?? d.chargeType ?? 'PREPAID';
    const sold = CATALOG[spec.edition].capabilities.chargeTypes;
    if (!sold.includes(chargeType)) refuse(`${d.name}: ${JSON.stringify(chargeType)} billing is not sold for the ${spec.edition} edition (${sold.join(', ')})`);
    const capacity = { bandwidthMBps: seed.capacity?.bandwidthMBps ?? spec.bandwidthMBps, diskGB: seed.capacity?.diskGB ?? spec.diskGB };
    wholeNumber(capacity.bandwidthMBps, `${d.name}: capacity.bandwidthMBps`);
    wholeNumber(capacity.diskGB, `${d.name}: capacity.diskGB`);
    const dataGB = seed.dataGB ?? spec.diskGB * SEED_ASSUMPTIONS.dataShareOfDisk;
    if (!(dataGB >= 0 && dataGB <= spec.diskGB)) refuse(`${d.name}: dataGB must be between 0 and the running disk (${spec.diskGB} GB), got ${String(seed.dataGB)}`);
    const produceMBps = seed.produceMBps ?? spec.bandwidthMBps * SEED_ASSUMPTIONS.produceShareOfBandwidth;
    if (!(produceMBps >= 0 && Number.isFinite(produceMBps))) refuse(`${d.name}: produceMBps must be a number of at least 0, got ${String(seed.produceMBps)}`);
    const outOfSync = seed.outOfSyncPartitions ?? 0;
    wholeNumber(outOfSync, `${d.name}: outOfSyncPartitions`, 0);
    wholeNumber(seed.maxMessageBytes, `${d.name}: maxMessageBytes`);
    if (seed.chargeType === undefined && d.chargeType === undefined) assumed.chargeType.push(d.name);
    if (seed.capacity?.bandwidthMBps === undefined && seed.capacity?.diskGB === undefined) assumed.capacity.push(d.name);
    if (seed.dataGB === undefined) assumed.dataGB.push(d.name);
    if (seed.produceMBps === undefined) assumed.produceMBps.push(d.name);

    const partitions = Math.max(12, outOfSync);
    const zoneId = d.zoneId ?? zones[0]?.zoneId ?? 0;
    if (!zones.some((z) => z.zoneId === zoneId)) zones.push(stocked(zoneId, `zone ${zoneId}`));
    return builder.instance({
      instanceId: id.instanceId,
      name: d.name,
      instanceType: CATALOG[spec.edition].apiInstanceTypes[0] ?? 'profession',
      chargeType,
      zoneId,
      bandwidthMBps: spec.bandwidthMBps,
      diskGB: spec.diskGB,
      partitions: spec.partitions,
      capacity,
      produceMBps,
      ...(seed.maxMessageBytes === undefined ? {} : { maxMessageBytes: seed.maxMessageBytes }),
      ...(d.diskType === undefined ? {} : { diskType: d.diskType }),
      ...(d.kafkaVersion === undefined ? {} : { kafkaVersion: d.kafkaVersion }),
      // Addresses 10.0.<n>.10 stay apart from the built-in seed fleet's (10.0.11–20.10).
      vipOctet: 100 + (index % 150),
      tags: [{ key: 'seeded-from', value: 'declarations' }],
      topics: [builder.topic(`${d.name}.data`, partitions, 3, dataGB, { outOfSyncPartitions: Array.from({ length: outOfSync }, (_, i) => i) })],
    });
  });
  return { state: builder.state(region, zones, instances, options), instances: declared.map((x) => x.id), assumed };
}

/**
 * The emulator state of {@link seedFromDeclarations} alone: each declared instance, running its
 * declared spec unless `options.instances` says otherwise, with the cautious defaults of
 * {@link DeclaredInstanceSeed}.
 */
export function seedStateFromDeclarations(declarations: readonly InstanceDeclaration[], options: SeedFromDeclarationsOptions = {}): EmulatorState {
  return seedFromDeclarations(declarations, options).state;
}
