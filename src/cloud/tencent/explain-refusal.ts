/**
 * A refusal explained in the user's terms where the API's own message cannot say what to do:
 * a postpaid increase refused by InstanceScalingDown, whose acceptance of increases no source
 * confirms (docs/sources.md, API point 2).
 */
import type { ObservedInstance } from '../../spec/observed';
import { CloudError, type SpecChangeRequest } from '../port';

/** Whether a change raises any of bandwidth, disk (not elastic) or partitions. */
export function raisesSpec(observed: ObservedInstance, target: SpecChangeRequest): boolean {
  return target.bandwidthMBps > observed.bandwidthMBps || target.partitions > observed.partitions || (observed.diskGB !== null && target.diskGB > observed.diskGB);
}

/**
 * A postpaid increase refused by InstanceScalingDown, explained: the API documents the action as
 * downsizing (按量实例缩容), and whether it accepts an increase is UNCONFIRMED (the Terraform
 * provider sends increases there). The refusal's kind and code are kept; only a refusal of the
 * request itself is explained (not a lost answer, a throttle, a busy instance or a missing one).
 */
export function explainRefusedIncrease(e: CloudError, instanceId: string): CloudError {
  if (e.kind !== 'invalid' && e.kind !== 'unsupported' && e.kind !== 'other') return e;
  return new CloudError(
    e.kind,
    e.code,
    `${e.message}. InstanceScalingDown refused an increase of postpaid instance ${instanceId}: the API documents it as downsizing, and whether it accepts increases is unconfirmed; nothing was changed. Make the increase in the CKafka console (Instance list › Upgrade), then plan again`,
    e.action,
    e.requestId,
    e.httpCode,
  );
}
