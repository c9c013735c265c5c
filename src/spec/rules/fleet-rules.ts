/**
 * Rules across the instances of one fleet: names and instance ids are unique.
 */
import { error, warning, type RuleIssue } from './rule';

/** What fleet rules see of each instance: its index and, when readable, its name and id. */
export interface FleetEntry {
  readonly index: number;
  readonly name?: string;
  readonly instanceId?: string;
}

function duplicates(entries: readonly FleetEntry[], key: 'name' | 'instanceId'): RuleIssue[] {
  const first = new Map<string, number>();
  const out: RuleIssue[] = [];
  for (const e of entries) {
    const value = e[key];
    if (value === undefined) continue;
    const seen = first.get(value);
    if (seen === undefined) first.set(value, e.index);
    else
      out.push(
        key === 'name'
          ? error('spec/duplicate-name', ['instances', e.index, 'name'], `name "${value}" is already used by instances[${seen}]`, 'give every instance a unique name')
          : error(
              'spec/duplicate-instance-id',
              ['instances', e.index, 'instanceId'],
              `instanceId ${value} is already declared by instances[${seen}]`,
              'declare each CKafka instance once; remove one of the two entries',
            ),
      );
  }
  return out;
}

/** No two instances share a name. */
export const namesUnique = (entries: readonly FleetEntry[]): RuleIssue[] => duplicates(entries, 'name');

/** No two instances share an instance id. */
export const instanceIdsUnique = (entries: readonly FleetEntry[]): RuleIssue[] => duplicates(entries, 'instanceId');

/** A fleet with no instances manages nothing: probably a mistake. */
export const fleetNotEmpty = (entries: readonly FleetEntry[]): RuleIssue[] =>
  entries.length === 0 ? [warning('fleet/empty', ['instances'], 'the fleet declares no instances, so there is nothing to plan', 'add instances under `instances:`')] : [];

export const FLEET_RULES = [fleetNotEmpty, namesUnique, instanceIdsUnique] as const;
