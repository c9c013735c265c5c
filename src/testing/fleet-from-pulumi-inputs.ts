/**
 * A set of `CkafkaInstance` inputs as the desired fleet the planner takes: the same validation as
 * the Pulumi provider's `check`, without Pulumi (nothing here loads `@pulumi/pulumi`).
 */
import { joinPath, type Issue } from '../spec/issues';
import { FLEET_RULES, type FleetEntry } from '../spec/rules/fleet-rules';
import type { DesiredFleet, DesiredInstance } from '../spec/types';
import type { ValidationResult } from '../spec/validate';
import type { CkafkaInstanceInputs } from '../pulumi/ckafka-instance-inputs';
import { checkInstanceInputs } from '../pulumi/check-instance-inputs';

/** Options of {@link fleetFromPulumiInputs}. */
export interface FleetFromPulumiInputsOptions {
  /** The fleet's region. @default - the first `region` input, else none (the cloud's) */
  readonly region?: string;
  /** The clock of the input rules (an `at` time in the past). @default - that rule is skipped */
  readonly now?: Date;
}

/**
 * Validates each set of inputs as `CkafkaProvider.check` does and resolves them into a fleet;
 * issue paths are `instances[i].<input>`, and each instance's source is its name. Names and
 * instance ids must be unique, as in a fleet file. Values Pulumi would not know yet cannot be
 * planned: they are errors here.
 */
export function fleetFromPulumiInputs(inputs: readonly CkafkaInstanceInputs[], options: FleetFromPulumiInputsOptions = {}): ValidationResult<DesiredFleet> {
  const issues: Issue[] = [];
  const instances: DesiredInstance[] = [];
  const entries: FleetEntry[] = [];
  let region = options.region;
  inputs.forEach((input, index) => {
    const r = checkInstanceInputs(input, options.now === undefined ? {} : { now: options.now });
    const at = `instances[${index}]`;
    issues.push(...r.issues.map((i) => ({ ...i, path: joinPath(at, i.path) })));
    for (const path of r.unknown) issues.push({ code: 'spec/invalid-value', severity: 'error', path: joinPath(at, path), message: 'the value is not known (a Pulumi output): it cannot be planned', hint: 'give the value itself' });
    entries.push({ index, name: input.name, ...(input.instanceId === undefined ? {} : { instanceId: input.instanceId }) });
    if (r.value === undefined) return;
    instances.push({ ...r.value.desired, source: { path: input.name } });
    region ??= r.value.provisioning.region;
  });
  for (const rule of FLEET_RULES)
    for (const i of rule(entries)) issues.push({ code: i.code, severity: i.severity, path: joinPath(...i.at), message: i.message, ...(i.hint === undefined ? {} : { hint: i.hint }) });
  const ok = !issues.some((i) => i.severity === 'error');
  return { value: ok ? { ...(region === undefined ? {} : { region }), instances } : undefined, issues };
}
