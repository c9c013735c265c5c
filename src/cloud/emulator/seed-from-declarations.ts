/**
 * An emulator state seeded from declarations: every declared instance exists, running its
 * declared spec unless told otherwise, so a plan against it shows exactly the changes a test (or
 * a rehearsal) describes. Used by `ckafka-iac/testing` for a team's own unit tests, and meant for
 * a CLI command that starts an emulator from a fleet file.
 *
 * What declarations do not say is filled in on the cautious side and documented on
 * {@link DeclaredInstanceSeed}: the cluster has no room to grow (any increase migrates data), half
 * the disk holds data, and billing is prepaid (the mode cannot be chosen).
 */
import { CATALOG } from '../../spec/catalog';
import type { ChargeType, SpecValues } from '../../spec/types';
import { EmulatorStateError } from './api-error';
import { createSeedBuilder, seedZones, type SeedStateOptions } from './seed-state';
import type { EmulatorState, InstanceState } from './state-schema';

/** What the emulator needs of a declared instance: a fleet entry, cdktf props or Pulumi inputs all have it. */
export interface InstanceDeclaration extends SpecValues {
  readonly name: string;
  /** @default - an id derived from the name (`ckafka-` and 8 letters or digits) */
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
   * Billing of the instance.
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
   * @default - half the running disk
   */
  readonly dataGB?: number;
  /**
   * Produce traffic, MB/s (a high-speed migration competes with it; a scale-down is checked against it).
   *
   * @default - a quarter of the running bandwidth
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

/** Options of {@link seedStateFromDeclarations}. */
export interface SeedFromDeclarationsOptions extends SeedStateOptions {
  /** How each instance runs, by declared name. @default - every instance at its declared spec */
  readonly instances?: Readonly<Record<string, DeclaredInstanceSeed>>;
}

const INSTANCE_ID = /^ckafka-[a-z0-9]{8}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `ckafka-` and 8 characters derived from `name` (FNV-1a), so the same name gets the same id. */
function idFromName(name: string, salt: number): string {
  let h = 0x811c9dc5 ^ salt;
  let out = '';
  for (let round = 0; out.length < 8; round++) {
    for (const c of `${name}#${round}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += ALPHABET[h % ALPHABET.length];
  }
  return `ckafka-${out}`;
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

/**
 * An emulator state holding each declared instance, in `options.region`'s zones (the seed fleet's
 * zones for that region: one sold out, one low on disk stock). Deterministic for the same
 * declarations and options. Throws `EmulatorStateError` (`emulator/state-invalid`) for a
 * declaration the emulator cannot hold: a malformed or repeated instance id, a repeated name, a
 * spec or override that is not a whole number, or an override for a name not declared.
 */
export function seedStateFromDeclarations(declarations: readonly InstanceDeclaration[], options: SeedFromDeclarationsOptions = {}): EmulatorState {
  const region = options.region ?? 'ap-guangzhou';
  const now = options.now ?? new Date();
  const seeds = options.instances ?? {};
  const names = new Set(declarations.map((d) => d.name));
  for (const name of Object.keys(seeds)) if (!names.has(name)) refuse(`options.instances names ${JSON.stringify(name)}, which is not declared`);

  const zones = seedZones(region);
  const builder = createSeedBuilder(now);
  const ids = new Set(declarations.flatMap((d) => (d.instanceId === undefined ? [] : [d.instanceId])));
  const seen = new Set<string>();
  const instances: InstanceState[] = declarations.map((d, index) => {
    if (seen.has(d.name)) refuse(`the name ${JSON.stringify(d.name)} is declared twice`);
    seen.add(d.name);
    const seed = seeds[d.name] ?? {};
    let instanceId = d.instanceId;
    if (instanceId === undefined) {
      let salt = 0;
      do instanceId = idFromName(d.name, salt++);
      while (ids.has(instanceId));
      ids.add(instanceId);
    } else if (!INSTANCE_ID.test(instanceId)) refuse(`${d.name}: instanceId ${JSON.stringify(instanceId)} is not \`ckafka-\` and 8 lowercase letters or digits`);
    if (declarations.some((o, j) => j < index && o.instanceId === instanceId)) refuse(`instanceId ${instanceId} is declared twice`);

    const spec = runningSpec(d, seed);
    const chargeType = seed.chargeType ?? d.chargeType ?? 'PREPAID';
    const capacity = { bandwidthMBps: seed.capacity?.bandwidthMBps ?? spec.bandwidthMBps, diskGB: seed.capacity?.diskGB ?? spec.diskGB };
    wholeNumber(capacity.bandwidthMBps, `${d.name}: capacity.bandwidthMBps`);
    wholeNumber(capacity.diskGB, `${d.name}: capacity.diskGB`);
    const dataGB = seed.dataGB ?? spec.diskGB / 2;
    if (!(dataGB >= 0 && dataGB <= spec.diskGB)) refuse(`${d.name}: dataGB must be between 0 and the running disk (${spec.diskGB} GB), got ${String(seed.dataGB)}`);
    const outOfSync = seed.outOfSyncPartitions ?? 0;
    wholeNumber(outOfSync, `${d.name}: outOfSyncPartitions`, 0);
    const partitions = Math.max(12, outOfSync);
    const zoneId = d.zoneId ?? zones[0]?.zoneId ?? 0;
    if (!zones.some((z) => z.zoneId === zoneId)) zones.push({ zoneId, name: `zone ${zoneId}`, soldOut: false, diskStockGB: 80000 });

    return builder.instance({
      instanceId,
      name: d.name,
      instanceType: CATALOG[spec.edition].apiInstanceTypes[0] ?? 'profession',
      chargeType,
      zoneId,
      bandwidthMBps: spec.bandwidthMBps,
      diskGB: spec.diskGB,
      partitions: spec.partitions,
      capacity,
      produceMBps: seed.produceMBps ?? spec.bandwidthMBps / 4,
      ...(seed.maxMessageBytes === undefined ? {} : { maxMessageBytes: seed.maxMessageBytes }),
      ...(d.diskType === undefined ? {} : { diskType: d.diskType }),
      ...(d.kafkaVersion === undefined ? {} : { kafkaVersion: d.kafkaVersion }),
      // Addresses 10.0.<n>.10 stay apart from the built-in seed fleet's (10.0.11–20.10).
      vipOctet: 100 + (index % 150),
      tags: [{ key: 'seeded-from', value: 'declarations' }],
      topics: [builder.topic(`${d.name}.data`, partitions, 3, dataGB, { outOfSyncPartitions: Array.from({ length: outOfSync }, (_, i) => i) })],
    });
  });
  return builder.state(region, zones, instances, options);
}
