/**
 * The worlds the plan-tampering attacks start from: the trusted fleet, what the cloud runs (the
 * emulator's seed fleet, with tasks scheduled where a scenario needs them), and an attacker's own
 * fleet to harvest real observed state from.
 */
import type { createEmulator } from '../../src/cloud/emulator';

/** Monday 2 March 2026, 10:00 in Shanghai: outside a weekend window. */
export const T0 = new Date('2026-03-02T02:00:00Z');
/** An hour in milliseconds. */
export const HOUR = 3_600_000;
/** The Monday after {@link T0}, 10:00 in Shanghai: a time no weekend window allows. */
export const MONDAY_10_SHANGHAI = '2026-03-09T02:00:00.000Z';
/** A weekend window as the fleet file writes it. */
export const WEEKEND = '{ window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';
/** The ids of the emulator's seed instances the scenarios use. */
export const ID = { orders: 'ckafka-9x2kq7pe', payments: 'ckafka-4m7tz1bc', media: 'ckafka-3rf6w8ya', audit: 'ckafka-2pd8v6fj', legacy: 'ckafka-5ct9y4ks' } as const;

/** One declared instance of a scenario's fleet file. */
export interface Decl {
  readonly name: string;
  readonly id?: string;
  readonly edition?: string;
  readonly spec: readonly [number, number, number];
  readonly rebalance?: string;
  readonly mode?: string;
}

/** The fleet file of `decls`, with `region: ap-guangzhou` when `region`. */
export function fleetYaml(decls: readonly Decl[], region: boolean): string {
  const lines = [...(region ? ['region: ap-guangzhou'] : []), 'instances:'];
  for (const d of decls)
    lines.push(
      `  - name: ${d.name}`,
      ...(d.id === undefined ? [] : [`    instanceId: ${d.id}`]),
      `    edition: ${d.edition ?? 'pro'}`,
      `    bandwidthMBps: ${d.spec[0]}`,
      `    diskGB: ${d.spec[1]}`,
      `    partitions: ${d.spec[2]}`,
      `    upgrade: { rebalance: ${d.rebalance ?? 'now'}, mode: ${d.mode ?? 'stable'} }`,
    );
  return `${lines.join('\n')}\n`;
}

/** A world the attacks start from: the trusted fleet, what the cloud runs, and an attacker's own fleet to harvest real observed state from. */
export interface Scenario {
  readonly fleet: readonly Decl[];
  /** The fleet file names no region (the region then comes from the environment or the emulator). @default false */
  readonly noRegion?: boolean;
  readonly attacker?: readonly Decl[];
  readonly setup?: (em: ReturnType<typeof createEmulator>) => Promise<void>;
}

const SCHEDULED = (at: Date) => async (em: ReturnType<typeof createEmulator>) => {
  await em.scheduleChange({ instanceId: ID.payments, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at });
  await em.scheduleChange({ instanceId: ID.media, target: { bandwidthMBps: 200, diskGB: 4000, partitions: 1400 }, mode: 'stable', at: new Date(at.getTime() + 2 * HOUR) });
};

/** The scenarios, by name; each is planned once and shared by its rows. */
export const SCENARIOS = {
  /** A console-scheduled change on payments outside the declared weekend window: the plan re-times it to the next opening. */
  'retime-window': {
    fleet: [{ name: 'payments', id: ID.payments, spec: [160, 2000, 1200], rebalance: WEEKEND }],
    attacker: [{ name: 'media-uploads', id: ID.media, spec: [200, 4000, 1400], rebalance: WEEKEND }],
    setup: SCHEDULED(new Date(T0.getTime() + 48 * HOUR)),
  },
  /** The same task, declared to run at a given time: the plan re-times it to that time. */
  'retime-at': {
    fleet: [{ name: 'payments', id: ID.payments, spec: [160, 2000, 1200], rebalance: `{ at: "${new Date(T0.getTime() + 24 * HOUR).toISOString()}" }` }],
    setup: SCHEDULED(new Date(T0.getTime() + 48 * HOUR)),
  },
  /** orders declared by name, an in-place change; the attacker plans payments (at capacity: 900 GB migrate) to the same target. */
  'by-name': {
    fleet: [{ name: 'orders', spec: [240, 3000, 1600] }],
    attacker: [{ name: 'payments', id: ID.payments, spec: [240, 3000, 1600] }],
  },
  /** orders by name in a fleet file that names no region. */
  'no-region': { fleet: [{ name: 'orders', spec: [240, 3000, 1600] }], noRegion: true },
  /** Two changes due now: orders in place (prepaid), payments migrating (postpaid, stable). */
  now: {
    fleet: [
      { name: 'orders', id: ID.orders, spec: [240, 3000, 1600] },
      { name: 'payments', id: ID.payments, spec: [160, 2000, 1200] },
    ],
  },
  /** A migrating change on payments declared for the weekend window (outside it now). */
  window: { fleet: [{ name: 'payments', id: ID.payments, spec: [160, 2000, 1200], rebalance: WEEKEND }] },
  /** Standard to Pro: the API cannot convert, so the plan's step is manual. */
  conversion: { fleet: [{ name: 'legacy-events', id: ID.legacy, spec: [100, 1500, 900] }] },
  /** audit has an out-of-sync replica: the plan blocks it on a failing check. */
  blocked: { fleet: [{ name: 'audit', id: ID.audit, edition: 'advanced', spec: [60, 500, 900] }] },
  /** A disk decrease the declaration does not allow: the plan blocks it. */
  'scale-down': { fleet: [{ name: 'orders', id: ID.orders, spec: [200, 2000, 1400] }] },
} satisfies Record<string, Scenario>;

/** The name of a scenario. */
export type ScenarioName = keyof typeof SCENARIOS;
