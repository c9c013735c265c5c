/**
 * Checks the adapter makes before a write reaches the API: a request the API would refuse, or
 * one the adapter cannot send as asked, fails before it is sent. Each failure carries the code
 * the API would answer, never an adapter-only code: callers act on `kind` and `code` alike
 * whichever side refused.
 */
import { CATALOG, isOnSaleStep, nearestOnStep } from '../../spec/catalog';
import type { ChargeType } from '../../spec/types';
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
 * Checks a create request: a name of 1 to 128 characters (trimmed), 1 to 36 whole prepaid
 * months, Pro only (CreateInstancePre "only supports creating Pro Edition instances", API page
 * 597/74261 and the Go SDK; CreatePostPaidInstance creates Pro instances, and Advanced is sold
 * monthly only), whole positive spec numbers on the edition's sale step.
 */
export function checkCreateRequest(request: CreateInstanceRequest): CheckedCreate {
  const action = createActionOf(request.chargeType);
  const name = request.name.trim();
  if (name === '' || name.length > 128) throw refuse('InvalidParameterValue', `${action}: InstanceName must be 1 to 128 characters, got ${name.length}`, action);
  const months = request.periodMonths ?? 1;
  if (request.chargeType === 'PREPAID' && (!Number.isInteger(months) || months < 1 || months > 36)) {
    throw refuse('InvalidParameterValue', `${action} (${name}): periodMonths must be a whole number from 1 to 36, got ${months}`, action);
  }
  if (request.edition === 'standard') {
    throw refuse('InvalidParameterValue', `${action} (${name}): Standard edition instances are no longer sold (since March 2024); create a Pro instance`, action);
  }
  if (request.edition === 'advanced') {
    throw refuse(
      'InvalidParameterValue',
      request.chargeType === 'PREPAID'
        ? `${action} (${name}): the API creates Pro instances only (CreateInstancePre: "only supports creating Pro Edition instances"); create the Advanced instance in the CKafka console, then declare it by its id`
        : `${action} (${name}): postpaid (hourly) billing is offered for the Pro edition only, got advanced; create a Pro instance, or create the Advanced instance in the CKafka console and declare it by its id`,
      action,
    );
  }
  checkSpecNumbers(request, action, name);
  for (const field of ['bandwidthMBps', 'diskGB', 'partitions'] as const) {
    if (!isOnSaleStep(request.edition, field, request[field])) {
      throw refuse('InvalidParameterValue', `${action} (${name}): ${field} ${request[field]} is off the ${CATALOG[request.edition].label} step; use ${nearestOnStep(request.edition, field, request[field]).join(' or ')}`, action);
    }
  }
  return { name, months: request.chargeType === 'PREPAID' ? months : 1 };
}
