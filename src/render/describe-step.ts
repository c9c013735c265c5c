/**
 * A step in words; a step apply performs is the exact API call, built by the adapter's own
 * functions (`cloud/tencent/api-calls.ts`), so the call shown and the call sent cannot differ.
 */
import { retimeCall, specChangeCall } from '../cloud/tencent/api-calls';
import type { PlanStep, PlannedInstance } from '../plan/types';
import { formatUtc } from './zoned-time';

/** What a step does, in parts, so markdown can set the API action and parameters as code. */
export interface StepWords {
  /** The API action, or what a wait or manual step is. */
  readonly action: string;
  /** API parameters exactly as sent: `InstanceId=ckafka-abc12345 BandWidth=400 DiskSize=6000 Partition=2400`. */
  readonly params?: string;
  /** What a parameter means: `high-speed`, or a `RebalanceTime` in UTC. */
  readonly extra?: string;
  /** True for a step apply performs through the cloud (shown as an API call). */
  readonly call: boolean;
}

function formatParams(params: object): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/**
 * Describes a step without its description. A step apply performs is shown as the exact API
 * call the adapter sends for it, built by the adapter's own functions from the step and the
 * instance it belongs to (its id and billing).
 */
export function describeStep(step: PlanStep, instance: Pick<PlannedInstance, 'instanceId' | 'observed'>): StepWords {
  const id = instance.instanceId ?? '(no instance)';
  switch (step.kind) {
    case 'change-spec': {
      const chargeType = instance.observed.chargeType;
      if (chargeType === null) {
        return { action: 'change the spec', params: `bandwidthMBps=${step.bandwidthMBps} diskGB=${step.diskGB} partitions=${step.partitions} mode=${step.mode}`, call: true };
      }
      const call = specChangeCall(id, chargeType, step, { elasticStorage: instance.observed.spec?.diskGB === null });
      return {
        action: call.action,
        params: formatParams(call.params),
        ...(call.action === 'InstanceScalingDown' ? { extra: step.mode } : {}),
        call: true,
      };
    }
    case 'retime': {
      const at = new Date(step.at);
      if (Number.isNaN(at.getTime())) return { action: 'ModifyInstanceAttributes', params: `InstanceId=${id}`, extra: `not a valid time: ${step.at}`, call: true };
      const call = retimeCall(id, at);
      return { action: call.action, params: formatParams(call.params), extra: formatUtc(new Date(call.params.RebalanceTime * 1000).toISOString()), call: true };
    }
    case 'wait':
      return {
        action:
          step.until === 'schedule'
            ? 'wait for the schedule'
            : step.until === 'migration'
              ? 'wait for the migration to finish'
              : 'wait for the task scheduled in the cloud',
        call: false,
      };
    case 'manual':
      return { action: 'manual step (apply refuses it)', call: false };
  }
}

/** A step's action and parameters on one line: `InstanceScalingDown InstanceId=… UpgradeStrategy=2 (high-speed)`. */
export function formatStep(words: StepWords): string {
  return `${words.action}${words.params === undefined ? '' : ` ${words.params}`}${words.extra === undefined ? '' : ` (${words.extra})`}`;
}
