/**
 * The API's answer to a request the shared rules refuse (`spec/validate-provisioning.ts`): the
 * error code the action's documented list uses for that parameter, the parameter's wire name and
 * the rule's words. The adapter refuses a create with it before sending; the emulator answers it
 * on the wire. One mapping, so a refusal carries the same code whichever side made it.
 */
import type { RuleIssue } from '../spec/rules/rule';

/** A refusal in the API's terms. */
export interface ApiRefusal {
  /** The API error code: `MissingParameter`, `InvalidParameter`, `InvalidParameterValue` or one of its sub-codes. */
  readonly code: string;
  /** The wire name of the parameter refused, when it has one (a billing mode is the action itself). */
  readonly parameter?: string;
  /** The rule's message and hint. */
  readonly message: string;
  /** The domain field refused, e.g. `periodMonths`. */
  readonly field: string;
}

/** Wire names of the create actions' parameters (CreateInstancePre, CreatePostPaidInstance) and of ModifyInstanceAttributes'. */
const WIRE_PARAMETER: Readonly<Record<string, string>> = {
  edition: 'SpecificationsType',
  bandwidthMBps: 'BandWidth',
  diskGB: 'DiskSize',
  partitions: 'Partition',
  periodMonths: 'Period',
  diskType: 'DiskType',
  kafkaVersion: 'KafkaVersion',
  maxMessageBytes: 'MaxMessageByte',
  zoneId: 'ZoneId',
  zoneIds: 'ZoneIds',
  vpcId: 'VpcId',
  subnetId: 'SubnetId',
};

/**
 * Sub-codes the create actions list for a malformed id (Go SDK client.go of CreateInstancePre and
 * CreatePostPaidInstance; test/conformance/actions.json).
 */
const INVALID_VALUE_CODE: Readonly<Record<string, string>> = {
  vpcId: 'InvalidParameterValue.VpcIdInvalid',
  subnetId: 'InvalidParameterValue.SubnetIdInvalid',
};

/** The API error code for one rule issue. */
export function apiCodeOf(issue: RuleIssue): string {
  const field = String(issue.at[0] ?? '');
  if (issue.code === 'spec/missing-field') return 'MissingParameter';
  if (issue.code === 'spec/invalid-type') return 'InvalidParameter';
  return INVALID_VALUE_CODE[field] ?? 'InvalidParameterValue';
}

/** The refusal for the first error among `issues`, or `undefined` when there is none. */
export function apiRefusalOf(issues: readonly RuleIssue[]): ApiRefusal | undefined {
  const first = issues.find((i) => i.severity === 'error');
  if (first === undefined) return undefined;
  const field = String(first.at[0] ?? '');
  const parameter = WIRE_PARAMETER[field];
  return {
    code: apiCodeOf(first),
    ...(parameter === undefined ? {} : { parameter }),
    message: first.hint === undefined ? first.message : `${first.message} (${first.hint})`,
    field,
  };
}
