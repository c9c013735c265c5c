/**
 * Plan-tampering attacks (issue 15, rows B1–B3 and B15, plus the ones found while fixing them),
 * run through the CLI's own code path in this process: `ckafka plan --out` against the embedded
 * emulator on a state file in a temporary folder, then the plan edited the way anyone who can write
 * the plan file can edit it, with the digest recomputed from its documented definition (sha256 of
 * the canonical JSON without `digest`; written here independently, not ckafka-iac's function), then
 * `ckafka apply` with or without `--fleet`.
 *
 * A row holds when apply exits 1 with the expected issue code (at the expected path in the plan,
 * where the refusal comes from reading or verifying the plan) and the emulator's ledger shows no
 * accepted write. Loopback only, and in fact no network at all; bounded: one plan per scenario and
 * one apply per row, on a virtual clock.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEmulator, createSeedState, createVirtualClock, saveEmulatorState, type EmulatorState } from '../../src/cloud/emulator';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/output';
import { summarizePlan } from '../../src/plan/summarize-plan';
import type { Issue } from '../../src/spec/issues';

/** One attack and how it went. */
export interface AttackRow {
  readonly id: string;
  readonly attack: string;
  /** What must happen: the refusal (code and field) and no write. */
  readonly expected: string;
  /** What happened. */
  readonly result: string;
  /** Whether the result is the expected refusal with no write. */
  readonly held: boolean;
}

/** The plan file as an attacker handles it: plain JSON, any key at any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** Monday 2 March 2026, 10:00 in Shanghai: outside a weekend window. */
const T0 = new Date('2026-03-02T02:00:00Z');
const HOUR = 3_600_000;
const MONDAY_10_SHANGHAI = '2026-03-09T02:00:00.000Z';
const WEEKEND = '{ window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';
const ID = { orders: 'ckafka-9x2kq7pe', payments: 'ckafka-4m7tz1bc', media: 'ckafka-3rf6w8ya', audit: 'ckafka-2pd8v6fj', legacy: 'ckafka-5ct9y4ks' } as const;

interface Decl {
  readonly name: string;
  readonly id?: string;
  readonly edition?: string;
  readonly spec: readonly [number, number, number];
  readonly rebalance?: string;
  readonly mode?: string;
}

function fleetYaml(decls: readonly Decl[], region: boolean): string {
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
interface Scenario {
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

const SCENARIOS = {
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

type ScenarioName = keyof typeof SCENARIOS;

/** What a tamper may change besides the plan: the trusted fleet file apply is given, the cloud between plan and apply. */
interface Tamper {
  readonly id: string;
  readonly attack: string;
  readonly scenario: ScenarioName;
  /** Pass the trusted fleet file to apply (`--fleet`). */
  readonly fleet: boolean;
  /** Edits the plan; `attacker` is the attacker's own plan of the scenario (harvested state). */
  readonly edit: (plan: Doc, attacker: Doc) => void;
  /** Leave the digest as it was (default: recompute it, as an attacker would). */
  readonly keepDigest?: boolean;
  /** Changes the cloud after planning, before apply. */
  readonly meanwhile?: (s: EmulatorState) => void;
  readonly code: Issue['code'];
  /** The path of the refused field in the plan; absent for refusals made while applying. */
  readonly path?: string;
}

const entry = (plan: Doc, name: string): Doc => plan.instances.find((p: Doc) => p.name === name);
const stepOf = (p: Doc, kind: string): Doc => p.steps.find((s: Doc) => s.kind === kind);
const resummarize = (plan: Doc): void => void (plan.summary = summarizePlan(plan.instances));

/** Grafts the attacker's entry for `from` (real observed state and fingerprint of another instance) onto the entry `to`. */
function graft(plan: Doc, attacker: Doc, from: string, to: string, keepName: boolean): void {
  const victim = structuredClone(entry(attacker, from));
  const i = plan.instances.findIndex((p: Doc) => p.name === to);
  plan.instances[i] = { ...victim, name: to, observed: { ...victim.observed, ...(keepName ? { name: to } : {}) } };
  resummarize(plan);
}

/** Says a migrating change on payments migrates nothing, so that it may start now whatever window was declared. */
function claimNoMigration(plan: Doc): void {
  const p = entry(plan, 'payments');
  Object.assign(p.migration, { required: false, mode: null });
  p.schedule = { kind: 'now', startsAt: plan.createdAt, note: 'no data migrates' };
  p.steps = p.steps.filter((s: Doc) => !(s.kind === 'wait' && s.until === 'schedule'));
  resummarize(plan);
}

/** Replaces the manual step of the Standard → Pro conversion with a submit of the target values. */
function submitInsteadOfManual(plan: Doc): void {
  entry(plan, 'legacy-events').steps = [
    { kind: 'change-spec', bandwidthMBps: 100, diskGB: 1500, partitions: 900, mode: 'stable', description: 'x' },
    { kind: 'wait', until: 'migration', description: 'x' },
  ];
}

/** Renames an instance in the cloud, between plan and apply. */
const rename = (id: string, name: string) => (s: EmulatorState): void => {
  const found = s.instances.find((i) => i.instanceId === id);
  if (found !== undefined) found.name = name;
};

/** One attack per row. Codes and paths are what a refusal must name. */
export const PLAN_TAMPERS: readonly Tamper[] = [
  {
    id: 'B1a',
    attack: 'move the re-time step of a weekend-window change to Monday 10:00 Shanghai (the schedule along), recompute the digest, apply --fleet',
    scenario: 'retime-window',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      stepOf(p, 'retime').at = MONDAY_10_SHANGHAI;
      p.schedule.startsAt = MONDAY_10_SHANGHAI;
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[0].schedule.startsAt',
  },
  {
    id: 'B1b',
    attack: 'give the re-time step an InstanceId of another instance (as format 1 steps had), apply --fleet',
    scenario: 'retime-window',
    fleet: true,
    edit: (plan) => void (stepOf(entry(plan, 'payments'), 'retime').InstanceId = ID.media),
    code: 'apply/plan-invalid',
    path: 'instances[0].steps[0].InstanceId',
  },
  {
    id: 'B1c',
    attack: "point the entry at another instance's scheduled task (its real observed state and fingerprint), apply --fleet",
    scenario: 'retime-window',
    fleet: true,
    edit: (plan, attacker) => graft(plan, attacker, 'media-uploads', 'payments', false),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].instanceId',
  },
  {
    id: 'B1d',
    attack: 'move a re-time to the declared `at` one hour later (schedule moved along), apply --fleet',
    scenario: 'retime-at',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      const later = new Date(Date.parse(p.schedule.startsAt) + HOUR).toISOString();
      stepOf(p, 'retime').at = later;
      p.schedule.startsAt = later;
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].steps[0].at',
  },
  {
    id: 'B1e',
    attack: "the same with the plan's window widened to weekdays 09:00–18:00, so the plan agrees with itself, apply --fleet",
    scenario: 'retime-window',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      stepOf(p, 'retime').at = MONDAY_10_SHANGHAI;
      Object.assign(p.schedule, { startsAt: MONDAY_10_SHANGHAI, endsAt: '2026-03-09T10:00:00.000Z', window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00', timezone: 'Asia/Shanghai' } });
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].steps[0].at',
  },
  {
    id: 'B2a',
    attack: "an entry declared by name pointed at another instance: its id, its observed spec, fingerprint \"\", apply --fleet",
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => {
      const p = entry(plan, 'orders');
      const victim = entry(attacker, 'payments');
      Object.assign(p, { instanceId: victim.instanceId, fingerprint: '' });
      p.observed.spec = victim.observed.spec;
      p.changes = victim.changes;
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[0].fingerprint',
  },
  {
    id: 'B2b',
    attack: 'the same with the real fingerprint and state of the other instance (harvested from a plan of it), apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => graft(plan, attacker, 'payments', 'orders', false),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].observed.name',
  },
  {
    id: 'B2c',
    attack: 'the same, lying that the other instance is named as declared (observed.name), apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => graft(plan, attacker, 'payments', 'orders', true),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].instanceId',
  },
  {
    id: 'B2d',
    attack: 'change the plan region to ap-shanghai against an ap-guangzhou fleet, apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan) => void (plan.region = 'ap-shanghai'),
    code: 'apply/fleet-mismatch',
    path: 'region',
  },
  {
    id: 'B2e',
    attack: 'untouched plan; meanwhile a second instance is named like the declared one, apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: () => undefined,
    meanwhile: rename(ID.audit, 'orders'),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].instanceId',
  },
  {
    id: 'B2f',
    attack: 'untouched plan; meanwhile the planned instance is renamed, apply without --fleet',
    scenario: 'by-name',
    fleet: false,
    edit: () => undefined,
    meanwhile: rename(ID.orders, 'orders-old'),
    code: 'apply/stale',
  },
  {
    id: 'B2g',
    attack: 'change the plan region to ap-shanghai where the fleet file names no region, apply --fleet (the region is then not taken from the plan)',
    scenario: 'no-region',
    fleet: true,
    edit: (plan) => void (plan.region = 'ap-shanghai'),
    code: 'apply/wrong-cloud',
  },
  {
    id: 'B3a',
    attack: "a change-spec step given another instance's InstanceId, apply without --fleet",
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'orders'), 'change-spec').InstanceId = ID.payments),
    code: 'apply/plan-invalid',
    path: 'instances[0].steps[0].InstanceId',
  },
  {
    id: 'B3b',
    attack: 'an extra step parameter (UpgradeStrategy: 2), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'payments'), 'change-spec').UpgradeStrategy = 2),
    code: 'apply/plan-invalid',
    path: 'instances[1].steps[0].UpgradeStrategy',
  },
  {
    id: 'B3c',
    attack: 'a second entry for the same instance with a bigger target, apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => {
      const twin = structuredClone(entry(plan, 'orders'));
      twin.name = 'orders-2';
      twin.target.bandwidthMBps = 400;
      stepOf(twin, 'change-spec').bandwidthMBps = 400;
      twin.changes[0].to = 400;
      plan.instances.push(twin);
      resummarize(plan);
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[2].instanceId',
  },
  {
    id: 'B3d',
    attack: '`instances: [null]`, apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (plan.instances = [null]),
    code: 'apply/plan-invalid',
    path: 'instances[0]',
  },
  {
    id: 'B3e',
    attack: "a change-spec step that sends more bandwidth than its entry's target, apply without --fleet",
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'orders'), 'change-spec').bandwidthMBps = 400),
    code: 'apply/plan-inconsistent',
    path: 'instances[0].steps[0].bandwidthMBps',
  },
  {
    id: 'B3f',
    attack: "a change-spec step in high-speed mode where the entry's migration runs stable, apply without --fleet",
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'payments'), 'change-spec').mode = 'high-speed'),
    code: 'apply/plan-inconsistent',
    path: 'instances[1].steps[0].mode',
  },
  {
    id: 'B15a',
    attack: 'a `__proto__` key added to a target, the digest left as it was',
    scenario: 'now',
    fleet: false,
    keepDigest: true,
    edit: (plan) => void Object.defineProperty(entry(plan, 'orders').target, '__proto__', { value: { bandwidthMBps: 1200 }, enumerable: true, writable: true, configurable: true }),
    code: 'apply/plan-invalid',
    path: 'instances[0].target.__proto__',
  },
  {
    id: 'B15b',
    attack: 'the same with the digest recomputed over it',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void Object.defineProperty(entry(plan, 'orders').target, '__proto__', { value: { bandwidthMBps: 1200 }, enumerable: true, writable: true, configurable: true }),
    code: 'apply/plan-invalid',
    path: 'instances[0].target.__proto__',
  },
  {
    id: 'B15c',
    attack: 'a `constructor` key in a step, digest recomputed',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'orders'), 'change-spec').constructor = { name: 'x' }),
    code: 'apply/plan-invalid',
    path: 'instances[0].steps[0].constructor',
  },
  {
    id: 'F1',
    attack: 'drop `schedule.window` from a window change (the schedule gate then saw it due at once), apply without --fleet',
    scenario: 'window',
    fleet: false,
    edit: (plan) => void delete entry(plan, 'payments').schedule.window,
    code: 'apply/plan-inconsistent',
    path: 'instances[0].schedule.window',
  },
  {
    id: 'F2',
    attack: 'record no observed spec, billing or fingerprint (apply compared them only when present), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      Object.assign(p.observed, { spec: null, chargeType: null });
      p.fingerprint = '';
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[1].fingerprint',
  },
  {
    id: 'F3',
    attack: 'claim a migrating window change migrates nothing and starts now (the fleet allows that), apply --fleet',
    scenario: 'window',
    fleet: true,
    edit: claimNoMigration,
    code: 'apply/stale',
  },
  {
    id: 'F4',
    attack: 'the same while the migration assessment (DescribeModifyType) fails at apply time, apply --fleet',
    scenario: 'window',
    fleet: true,
    edit: claimNoMigration,
    meanwhile: (s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }),
    code: 'apply/migration-unverified',
  },
  {
    id: 'F5',
    attack: 'replace the manual step of a Standard→Pro conversion with a change-spec step, apply --fleet',
    scenario: 'conversion',
    fleet: true,
    edit: submitInsteadOfManual,
    code: 'apply/plan-inconsistent',
    path: 'instances[0].steps[0]',
  },
  {
    id: 'F6',
    attack: 'the same, also claiming the cloud converts editions by API (cloud.capabilities), apply --fleet',
    scenario: 'conversion',
    fleet: true,
    edit: (plan) => {
      plan.cloud.capabilities.editionConversionByApi = true;
      submitInsteadOfManual(plan);
    },
    code: 'apply/wrong-cloud',
  },
  {
    id: 'F7',
    attack: 'widen the window to every day, 00:00–23:59 (schedule and its start), apply --fleet',
    scenario: 'window',
    fleet: true,
    edit: (plan) => {
      const s = entry(plan, 'payments').schedule;
      s.window = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '23:59', timezone: 'Asia/Shanghai' };
      s.startsAt = plan.createdAt;
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].schedule.window',
  },
  {
    id: 'F8',
    attack: 'add an entry for an instance the fleet does not declare (copied state of payments), apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => {
      plan.instances.push(structuredClone(entry(attacker, 'payments')));
      resummarize(plan);
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[1].name',
  },
  {
    id: 'F9',
    attack: 'set the region to null (apply accepted a null region in any region), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (plan.region = null),
    code: 'apply/plan-inconsistent',
    path: 'region',
  },
  {
    id: 'F10',
    attack: 'turn a change blocked by a failing check into an upgrade with passing checks, apply --fleet',
    scenario: 'blocked',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'audit');
      p.action = 'upgrade';
      for (const c of p.checks) if (c.status === 'fail') Object.assign(c, { status: 'pass', message: 'ok' });
      p.issues = [];
      resummarize(plan);
    },
    code: 'apply/check-failed',
  },
  {
    id: 'F11',
    attack: 'give steps to a disk decrease the declaration does not allow (blocked in the plan), apply --fleet',
    scenario: 'scale-down',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'orders');
      p.action = 'scale-down';
      p.issues = [];
      p.steps = [
        { kind: 'change-spec', bandwidthMBps: 200, diskGB: 2000, partitions: 1400, mode: 'stable', description: 'x' },
        { kind: 'wait', until: 'migration', description: 'x' },
      ];
      resummarize(plan);
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].action',
  },
  {
    id: 'F12',
    attack: 'nest a value 1,000 levels deep (digest recomputed), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => {
      let deep: Doc = [];
      for (let i = 0; i < 1000; i++) deep = [deep];
      entry(plan, 'orders').summary = deep;
    },
    code: 'apply/plan-invalid',
  },
  {
    id: 'F13',
    attack: 'label the plan format version 1, apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (plan.formatVersion = 1),
    code: 'apply/plan-format-version',
    path: 'formatVersion',
  },
];

/** The digest as an attacker computes it from docs/plan-format.md: sha256 over the canonical JSON of the plan without `digest`. */
export function attackerDigest(plan: Doc): string {
  const canonical = (v: Doc): string => {
    if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
    if (v !== null && typeof v === 'object')
      return `{${Object.keys(v)
        .sort()
        .filter((k) => v[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
        .join(',')}}`;
    return JSON.stringify(v);
  };
  const body: Doc = {};
  for (const k of Object.keys(plan)) if (k !== 'digest') Object.defineProperty(body, k, { value: plan[k], enumerable: true, writable: true, configurable: true });
  return `sha256:${createHash('sha256').update(canonical(body)).digest('hex')}`;
}

function sink(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    env: { NO_COLOR: '1' },
    cwd: '',
  } as unknown as Io;
  return { io, out: () => out, err: () => err };
}

async function ckafka(cwd: string, argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const s = sink();
  const code = await runCli(argv, { ...s.io, cwd });
  return { code, stdout: s.out(), stderr: s.err() };
}

const readState = (file: string): EmulatorState => JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorState;

/** Every issue in apply's JSON output: an error envelope, or a result with per-instance issues. */
function issuesOf(stdout: string): Issue[] {
  try {
    const doc = JSON.parse(stdout) as { error?: { issues?: Issue[] }; issues?: Issue[]; instances?: Array<{ issues?: Issue[] }> };
    return [...(doc.error?.issues ?? []), ...(doc.issues ?? []), ...(doc.instances ?? []).flatMap((i) => i.issues ?? [])];
  } catch {
    return [];
  }
}

interface Prepared {
  readonly dir: string;
  readonly plan: string;
  readonly attacker: string | undefined;
}

async function prepare(root: string, name: ScenarioName): Promise<Prepared> {
  const scenario: Scenario = SCENARIOS[name];
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const state = createSeedState({ now: T0 });
  state.faults.rateLimitsEnabled = false;
  const em = createEmulator({ state, clock: createVirtualClock({ start: T0, speed: 0, stepOnSleep: true }) });
  await scenario.setup?.(em);
  const seeded = em.snapshot();
  await em.close();
  // A clock that stands still and moves only when ckafka waits, as the CLI's embedded emulator runs.
  seeded.clock = { virtualAt: T0.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
  await saveEmulatorState(path.join(dir, 'state.json'), seeded);
  fs.writeFileSync(path.join(dir, 'fleet.yaml'), fleetYaml(scenario.fleet, scenario.noRegion !== true));
  const planned = await ckafka(dir, ['plan', 'fleet.yaml', '--emulator-state', 'state.json', '--out', 'plan.json', '--format', 'json']);
  if (planned.code !== 0) throw new Error(`plan of scenario ${name} failed (${planned.code}): ${planned.stderr}`);
  let attacker: string | undefined;
  if (scenario.attacker !== undefined) {
    fs.writeFileSync(path.join(dir, 'attacker.yaml'), fleetYaml(scenario.attacker, true));
    const own = await ckafka(dir, ['plan', 'attacker.yaml', '--emulator-state', 'state.json', '--out', 'attacker-plan.json', '--format', 'json']);
    if (own.code !== 0) throw new Error(`attacker plan of scenario ${name} failed (${own.code}): ${own.stderr}`);
    attacker = fs.readFileSync(path.join(dir, 'attacker-plan.json'), 'utf8');
  }
  return { dir, plan: fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'), attacker };
}

function expectedWords(t: Tamper): string {
  return `refused: ${t.code}${t.path === undefined ? '' : ` at ${t.path}`}; no write`;
}

async function attack(t: Tamper, base: Prepared, root: string): Promise<AttackRow> {
  const dir = path.join(root, `row-${t.id}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['state.json', 'fleet.yaml']) fs.copyFileSync(path.join(base.dir, f), path.join(dir, f));
  const plan: Doc = JSON.parse(base.plan);
  t.edit(plan, base.attacker === undefined ? undefined : JSON.parse(base.attacker));
  if (t.keepDigest !== true) plan.digest = attackerDigest(plan);
  fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(plan));

  const stateFile = path.join(dir, 'state.json');
  if (t.meanwhile !== undefined) {
    const s = readState(stateFile);
    t.meanwhile(s);
    await saveEmulatorState(stateFile, s);
  }
  const before = readState(stateFile).submissions.length;
  const applied = await ckafka(dir, ['apply', 'tampered.json', ...(t.fleet ? ['--fleet', 'fleet.yaml'] : []), '--emulator-state', 'state.json', '--format', 'json', '--poll-interval', '10m']);
  const writes = readState(stateFile).submissions.slice(before);
  const issues = issuesOf(applied.stdout);
  const match = issues.find((i) => i.code === t.code && (t.path === undefined || i.path === t.path));
  const held = applied.code === 1 && writes.length === 0 && match !== undefined;
  const named = issues
    .filter((i) => i.severity === 'error')
    .slice(0, 3)
    .map((i) => `${i.code}${i.path ? ` at ${i.path}` : ''}`)
    .join('; ');
  const result = `exit ${applied.code}; ${named || 'no issue'}; ${writes.length === 0 ? 'no write' : `${writes.length} write(s): ${writes.map((w) => `${w.action} ${w.instanceId ?? ''}`).join(', ')}`}`;
  return { id: t.id, attack: t.attack, expected: expectedWords(t), result, held };
}

export interface PlanTamperingOptions {
  /** Only these row ids. @default every row */
  readonly only?: readonly string[];
  /** Keep the temporary folder (plans, state files) for inspection. @default false */
  readonly keep?: boolean;
  /** Run in this folder (created if missing) and leave it for the caller. @default a temporary folder, removed unless `keep` */
  readonly dir?: string;
}

/**
 * Runs every plan-tampering attack and returns one row each. Rows run one after another in this
 * process against the embedded emulator; nothing listens on a port.
 */
export async function runPlanTamperingAttacks(options: PlanTamperingOptions = {}): Promise<AttackRow[]> {
  const root = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-attack-plan-'));
  if (options.dir !== undefined) fs.mkdirSync(root, { recursive: true });
  try {
    const tampers = PLAN_TAMPERS.filter((t) => options.only === undefined || options.only.includes(t.id));
    const bases = new Map<ScenarioName, Prepared>();
    const rows: AttackRow[] = [];
    for (const t of tampers) {
      let base = bases.get(t.scenario);
      if (base === undefined) {
        base = await prepare(root, t.scenario);
        bases.set(t.scenario, base);
      }
      rows.push(await attack(t, base, root));
    }
    return rows;
  } finally {
    if (options.keep !== true && options.dir === undefined) fs.rmSync(root, { recursive: true, force: true });
  }
}
