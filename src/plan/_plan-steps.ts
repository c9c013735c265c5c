/**
 * The ordered steps of a change. Internal to the planner; docs/plan-format.md (Steps) is the
 * reference.
 */
import { CATALOG } from '../spec/catalog';
import type { ObservedInstance } from '../spec/observed';
import type { Edition, SpecValues, UpgradeMode } from '../spec/types';
import { rebalanceTimeOf } from './_schedule';
import { describeWindow, formatDuration, formatNumber } from './words';
import type { PlanMigration, PlanSchedule, PlanStep } from './types';

/** What the steps of one change depend on. */
export interface StepInput {
  readonly name: string;
  readonly observed: ObservedInstance;
  readonly target: SpecValues;
  readonly migration: PlanMigration;
  /** The mode the declaration asks for: honoured where the cloud takes one. */
  readonly declaredMode: UpgradeMode;
  readonly schedule: PlanSchedule;
  readonly pending: boolean;
  readonly retimeTo?: Date;
  /** The change converts the edition, and the cloud cannot do that through its API. */
  readonly manualConversion: boolean;
  /** Terraform owns this instance's spec (cdktf `specOwner: 'terraform'`): ckafka-iac only shows the change. */
  readonly ownedByTerraform?: boolean;
}

/**
 * ASSUMED wording of the console path for an edition conversion: the console is not
 * documented step by step in a source we could read.
 */
export function conversionConsolePath(name: string, instanceId: string, to: Edition): string {
  return `CKafka console › Instance list › ${name} (${instanceId}) › Upgrade to ${CATALOG[to].label} Edition`;
}

function specWords(t: SpecValues, elasticDisk = false): string {
  const disk = elasticDisk ? 'elastic disk (not sent)' : `disk ${formatNumber(t.diskGB)} GB`;
  return `bandwidth ${formatNumber(t.bandwidthMBps)} MB/s, ${disk}, ${formatNumber(t.partitions)} partitions`;
}

function waitForScheduleStep(schedule: PlanSchedule): PlanStep {
  const description =
    schedule.kind === 'window' && schedule.window !== undefined
      ? `wait for the window (${describeWindow(schedule.window)}): ${schedule.startsAt ?? 'not scheduled'} to ${schedule.endsAt ?? '?'}; apply submits only inside it`
      : `wait until the declared time ${schedule.startsAt ?? ''}; apply submits no earlier`;
  return { kind: 'wait', until: 'schedule', description };
}

function waitForChangeStep(migration: PlanMigration): PlanStep {
  const estimate = migration.estimatedSeconds === null ? 'no estimate' : `estimate ${formatDuration(migration.estimatedSeconds)}`;
  const description =
    migration.required === false
      ? `wait for the cloud to raise the quota and the instance to run again (no data migrates; ${estimate})`
      : migration.required === null
        ? `wait for the cloud to finish the change; it may migrate data (${migration.mode ?? 'stable'} mode, ${estimate} if it does)`
        : `wait for the cloud to migrate data and finish the change (${migration.mode ?? 'stable'} mode, ${estimate})`;
  return { kind: 'wait', until: 'migration', description };
}

/**
 * What the plan says of a postpaid increase: InstanceScalingDown is documented as downsizing
 * (按量实例缩容); the Terraform provider sends postpaid increases through it, but whether the
 * API accepts them is UNCONFIRMED. A refusal changes nothing.
 */
const POSTPAID_INCREASE =
  ' (through InstanceScalingDown, which the API documents as downsizing; whether it accepts an increase is unconfirmed: if refused, nothing changes and the change is made in the console)';

function raisesSpec(o: ObservedInstance, t: SpecValues): boolean {
  return t.bandwidthMBps > o.bandwidthMBps || t.partitions > o.partitions || (o.diskGB !== null && t.diskGB > o.diskGB);
}

/**
 * Steps, in order: `wait` until the schedule (when it is not `now`), the API call, then `wait`
 * until the change is done. A task already scheduled in the cloud gets a re-time step when its
 * time differs from the declared one and a wait for it, and no submit. An edition conversion the
 * API cannot do is one manual step.
 */
export function planSteps(input: StepInput): PlanStep[] {
  const { observed, target, migration, schedule } = input;
  const id = observed.instanceId;

  if (input.ownedByTerraform === true) {
    return [
      {
        kind: 'manual',
        description: `Terraform owns the spec of ${input.name} (${id}) (specOwner: terraform): it makes this change (${specWords(target)}) when the stack is deployed; ckafka-iac only shows it`,
        consolePath: 'cdktf deploy (or terraform apply) of the stack that declares this instance',
      },
    ];
  }

  if (input.manualConversion) {
    const from = observed.edition === undefined ? observed.instanceType : CATALOG[observed.edition].label;
    const when =
      schedule.kind === 'now' ? '' : schedule.kind === 'window' && schedule.window !== undefined ? ` inside the window (${describeWindow(schedule.window)})` : ` at ${schedule.startsAt ?? 'the declared time'}`;
    return [
      {
        kind: 'manual',
        description:
          `in the CKafka console, upgrade ${input.name} (${id}) from ${from} to ${CATALOG[target.edition].label} Edition with ${specWords(target)}${when}; ` +
          'the API cannot convert an edition, so apply stops here; plan again once the console shows the new edition',
        consolePath: conversionConsolePath(input.name, id, target.edition),
      },
    ];
  }

  if (input.pending) {
    const steps: PlanStep[] = [];
    if (input.retimeTo !== undefined) {
      const at = new Date(rebalanceTimeOf(input.retimeTo) * 1000).toISOString();
      steps.push({ kind: 'retime', at, description: `move the task scheduled in the cloud from ${schedule.pendingAt ?? '?'} to ${at}` });
    }
    steps.push({
      kind: 'wait',
      until: 'scheduled-task',
      description: `wait for the task scheduled in the cloud to run at ${input.retimeTo === undefined ? schedule.pendingAt ?? '?' : new Date(rebalanceTimeOf(input.retimeTo) * 1000).toISOString()} and finish; nothing new is submitted`,
    });
    return steps;
  }

  const steps: PlanStep[] = [];
  if (schedule.kind !== 'now') steps.push(waitForScheduleStep(schedule));
  const change = { bandwidthMBps: target.bandwidthMBps, diskGB: target.diskGB, partitions: target.partitions, mode: input.declaredMode };
  const words = specWords(target, observed.diskGB === null);
  steps.push({
    kind: 'change-spec',
    ...change,
    description:
      observed.chargeType === 'POSTPAID_BY_HOUR'
        ? `submit the new spec (${words}) for this postpaid instance, ${input.declaredMode} mode${raisesSpec(observed, target) ? POSTPAID_INCREASE : ''}`
        : `submit the new spec (${words}) for this prepaid instance; the cloud picks the migration mode and charges the prorated difference`,
  });
  steps.push(waitForChangeStep(migration));
  return steps;
}
