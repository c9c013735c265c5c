/**
 * What a spec change must pass against the catalog and the running instance, with the codes the
 * spec change actions answer: the target by the shared spec and step rules, then decreases, data
 * held and a change that changes nothing; and whether the instance's edition can change its spec
 * at all.
 */
import { CATALOG } from '../../../spec/catalog';
import type { Edition } from '../../../spec/types';
import { checkSpecTarget } from '../../../spec/validate-provisioning';
import { ApiError, refuseByRules } from '../api-error';
import { BYTES_PER_GB, type SpecNumbers } from '../migration-model';
import type { InstanceState } from '../state-schema';
import { dataBytesOf, editionOf, specOf } from './instance-lookups';

/**
 * Checks a target spec against the catalog by the shared rules (`checkSpecTarget`, the planner's
 * spec and step rules): ranges, maximums, tier minimums, and the sale step for the values that
 * differ from `running`. Running instances can hold off-step values (the documented listing shows
 * a Pro instance at 150 MB/s) and keep them; the step applies to values being changed (ASSUMED
 * for the write APIs; no source says what they answer). A refusal is the API's answer to the
 * first error: `InvalidParameterValue`, naming the wire parameter (`cloud/api-refusal.ts`).
 */
export function checkSpecValues(edition: Edition, target: SpecNumbers, running: SpecNumbers): void {
  refuseByRules(checkSpecTarget(edition, target, running));
}

/** Checks a target against the running instance: decreases, data held, no-op. */
export function checkChange(inst: InstanceState, edition: Edition, target: SpecNumbers): void {
  const current = specOf(inst);
  if (target.bandwidthMBps === current.bandwidthMBps && target.diskGB === current.diskGB && target.partitions === current.partitions) {
    throw new ApiError(
      'InvalidParameterValue',
      `the target spec equals the current spec of ${inst.instanceId} (${current.bandwidthMBps} MB/s, ${current.diskGB} GB, ${current.partitions} partitions); nothing to change`,
    );
  }
  if (target.partitions < current.partitions) {
    throw new ApiError('InvalidParameterValue', `Partition ${target.partitions} is below the current ${current.partitions}; partitions cannot be reduced`);
  }
  const down = target.bandwidthMBps < current.bandwidthMBps || target.diskGB < current.diskGB;
  if (down && !CATALOG[edition].capabilities.scaleDown) {
    throw new ApiError('FailedOperation', `${CATALOG[edition].label} instances cannot lower bandwidth or disk; only Pro supports a spec downgrade`);
  }
  // ASSUMED: the cloud refuses a disk smaller than the data held.
  const usedGB = Math.ceil(dataBytesOf(inst) / BYTES_PER_GB);
  if (target.diskGB < usedGB) {
    throw new ApiError('InvalidParameterValue', `DiskSize ${target.diskGB} GB is below the ${usedGB} GB of data held by ${inst.instanceId}; delete data or choose a larger disk`);
  }
}

/** The edition of an instance whose spec the API can change, or `FailedOperation`. */
export function checkEditionManaged(inst: InstanceState): Edition {
  const edition = editionOf(inst);
  if (edition === undefined) throw new ApiError('FailedOperation', `instance type ${inst.instanceType} does not support this spec change`);
  if (!CATALOG[edition].capabilities.specUpgrade) {
    throw new ApiError(
      'FailedOperation',
      `${inst.instanceId} is a Standard edition instance: its spec cannot be changed by API; convert it to Pro or Advanced in the console (Instance list > Upgrade)`,
    );
  }
  return edition;
}
