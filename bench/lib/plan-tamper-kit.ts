/** What the plan-tampering rows are made of: a row's shape, and the edits several rows make to a plan. */
import type { EmulatorState } from '../../src/cloud/emulator';
import { summarizePlan } from '../../src/plan/summarize-plan';
import type { Issue } from '../../src/spec/issues';
import type { ScenarioName } from './plan-tamper-scenarios';

/** The plan file as an attacker handles it: plain JSON, any key at any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an attacker's edits reach any key at any depth
export type Doc = any;

/** One attack on a plan: the edit, and what may change besides the plan (the trusted fleet file apply is given, the cloud between plan and apply). */
export interface Tamper {
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

/** The entry of the instance named `name`. */
export const entry = (plan: Doc, name: string): Doc => plan.instances.find((p: Doc) => p.name === name);
/** The first step of `kind` of an entry. */
export const stepOf = (p: Doc, kind: string): Doc => p.steps.find((s: Doc) => s.kind === kind);
/** Recomputes the plan's summary after its entries were edited, as an attacker would. */
export const resummarize = (plan: Doc): void => void (plan.summary = summarizePlan(plan.instances));

/** Grafts the attacker's entry for `from` (real observed state and fingerprint of another instance) onto the entry `to`. */
export function graft(plan: Doc, attacker: Doc, from: string, to: string, keepName: boolean): void {
  const victim = structuredClone(entry(attacker, from));
  const i = plan.instances.findIndex((p: Doc) => p.name === to);
  plan.instances[i] = { ...victim, name: to, observed: { ...victim.observed, ...(keepName ? { name: to } : {}) } };
  resummarize(plan);
}

/** Says a migrating change on payments migrates nothing, so that it may start now whatever window was declared. */
export function claimNoMigration(plan: Doc): void {
  const p = entry(plan, 'payments');
  Object.assign(p.migration, { required: false, mode: null });
  p.schedule = { kind: 'now', startsAt: plan.createdAt, note: 'no data migrates' };
  p.steps = p.steps.filter((s: Doc) => !(s.kind === 'wait' && s.until === 'schedule'));
  resummarize(plan);
}

/** Replaces the manual step of the Standard → Pro conversion with a submit of the target values. */
export function submitInsteadOfManual(plan: Doc): void {
  entry(plan, 'legacy-events').steps = [
    { kind: 'change-spec', bandwidthMBps: 100, diskGB: 1500, partitions: 900, mode: 'stable', description: 'x' },
    { kind: 'wait', until: 'migration', description: 'x' },
  ];
}

/** Renames an instance in the cloud, between plan and apply. */
export const rename = (id: string, name: string) => (s: EmulatorState): void => {
  const found = s.instances.find((i) => i.instanceId === id);
  if (found !== undefined) found.name = name;
};
