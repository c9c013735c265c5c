/**
 * Checks the adapter makes before a write reaches the API: a request the API would refuse, or
 * one the adapter cannot send as asked, fails before it is sent. Each failure carries the code
 * the API would answer, never an adapter-only code: callers act on `kind` and `code` alike
 * whichever side refused.
 */
import { PROVISIONING_OPTIONS } from '../../spec/provisioning-options';
import type { ChargeType } from '../../spec/types';
import { checkCreation } from '../../spec/validate-provisioning';
import { apiRefusalOf } from '../api-refusal';
import { CloudError, type CreateInstanceRequest, type TargetSpec } from '../port';
import { classifyErrorCode } from './errors';

function refuse(code: string, message: string, action: string): CloudError {
  return new CloudError(classifyErrorCode(code), code, message, action);
}

/**
 * Bandwidth, disk and partitions must be whole numbers above 0. A fraction cannot be sent in an
 * Integer field (the API answers `InvalidParameter`, a type error); 0 or less is a value the
 * API refuses (`InvalidParameterValue`).
 */
export function checkSpecNumbers(spec: Pick<TargetSpec, 'bandwidthMBps' | 'diskGB' | 'partitions'>, action: string, subject: string): void {
  for (const [name, field, v] of [
    ['bandwidthMBps', 'BandWidth', spec.bandwidthMBps],
    ['diskGB', 'DiskSize', spec.diskGB],
    ['partitions', 'Partition', spec.partitions],
  ] as const) {
    if (!Number.isSafeInteger(v)) {
      throw refuse('InvalidParameter', `${action} (${subject}): ${name} (${field}) must be a whole number, got ${v}`, action);
    }
    if (v <= 0) throw refuse('InvalidParameterValue', `${action} (${subject}): ${name} (${field}) must be above 0, got ${v}`, action);
  }
}

/** The create action for a charge type. */
export function createActionOf(chargeType: ChargeType): 'CreateInstancePre' | 'CreatePostPaidInstance' {
  return chargeType === 'PREPAID' ? 'CreateInstancePre' : 'CreatePostPaidInstance';
}

/** What {@link checkCreateRequest} settles: the name as it will be sent, and the months bought. */
export interface CheckedCreate {
  /** The name, trimmed. */
  readonly name: string;
  /** Prepaid months (`Period`); 1 for postpaid, where it is not sent. */
  readonly months: number;
}

/**
 * Checks a create request before it is sent: a name of 1 to 128 characters (trimmed), whole
 * positive spec numbers, then the provisioning and spec rules every front end runs
 * (`checkCreation`): Pro only (CreateInstancePre "only supports creating Pro Edition instances",
 * API page 597/74261 and the Go SDK; postpaid billing is Pro only), values on the sale step, 1 to
 * 36 prepaid months and no period on a postpaid request, a disk type and Kafka version a new
 * instance can have, the zone and the network ids. A refusal carries the code the API answers
 * for that parameter (`api-refusal.ts`).
 */
export function checkCreateRequest(request: CreateInstanceRequest): CheckedCreate {
  const action = createActionOf(request.chargeType);
  const name = request.name.trim();
  if (name === '' || name.length > 128) throw refuse('InvalidParameterValue', `${action}: InstanceName must be 1 to 128 characters, got ${name.length}`, action);
  checkSpecNumbers(request, action, name);
  const refusal = apiRefusalOf(checkCreation({ ...request }));
  if (refusal !== undefined) throw refuse(refusal.code, `${action} (${name}): ${refusal.message}`, action);
  const months = request.periodMonths ?? PROVISIONING_OPTIONS.periodMonths.default;
  return { name, months: request.chargeType === 'PREPAID' ? months : 1 };
}
