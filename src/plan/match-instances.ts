/**
 * Pairs each declared instance with the instance it manages in the cloud.
 */
import { joinPath, type Issue } from '../spec/issues';
import type { ObservedInstance } from '../spec/observed';
import type { DesiredInstance } from '../spec/types';

/** A declared instance and what it matched: the observed instance, or an issue saying why not. */
export interface InstanceMatch {
  readonly desired: DesiredInstance;
  readonly observed?: ObservedInstance;
  readonly issue?: Issue;
}

function where(region: string | null | undefined): string {
  return region ? ` in ${region}` : '';
}

/**
 * Matches declarations to observed instances: by `instanceId` when one is declared, otherwise
 * by exact name. No match gives `plan/instance-not-found`; a name shared by several instances
 * gives `plan/instance-name-ambiguous` (never a guess). Results keep the declared order.
 *
 * @param region the region that was searched, named in the messages.
 * @default region - messages name no region
 */
export function matchInstances(
  desired: readonly DesiredInstance[],
  observed: readonly ObservedInstance[],
  region?: string | null,
): InstanceMatch[] {
  const matches = desired.map((d): InstanceMatch => {
    const file = { ...(d.source.file === undefined ? {} : { file: d.source.file }), ...(d.source.line === undefined ? {} : { line: d.source.line }), ...(d.source.column === undefined ? {} : { column: d.source.column }) };
    if (d.instanceId !== undefined) {
      const found = observed.find((o) => o.instanceId === d.instanceId);
      if (found !== undefined) return { desired: d, observed: found };
      return {
        desired: d,
        issue: {
          code: 'plan/instance-not-found',
          severity: 'error',
          path: joinPath(d.source.path, 'instanceId'),
          message: `instance ${d.instanceId} ("${d.name}") was not found${where(region)}`,
          hint: 'fix the instanceId or the region, or create the instance first: ckafka-iac changes the spec of existing instances',
          ...file,
        },
      };
    }
    const named = observed.filter((o) => o.name === d.name);
    const only = named[0];
    if (named.length === 1 && only !== undefined) return { desired: d, observed: only };
    if (named.length === 0) {
      return {
        desired: d,
        issue: {
          code: 'plan/instance-not-found',
          severity: 'error',
          path: joinPath(d.source.path, 'name'),
          message: `no instance is named "${d.name}"${where(region)}`,
          hint: 'set instanceId, fix the name or the region, or create the instance first: ckafka-iac changes the spec of existing instances',
          ...file,
        },
      };
    }
    const ids = named.map((o) => o.instanceId);
    return {
      desired: d,
      issue: {
        code: 'plan/instance-name-ambiguous',
        severity: 'error',
        path: joinPath(d.source.path, 'name'),
        message: `${named.length} instances are named "${d.name}"${where(region)}: ${ids.join(', ')}`,
        hint: `set instanceId to the one this declaration manages (one of ${ids.join(', ')})`,
        ...file,
      },
    };
  });
  // One instance, one declaration: a second one (say, found by name while another names its id)
  // would plan two targets for one instance and apply them against each other.
  const first = new Map<string, DesiredInstance>();
  return matches.map((m): InstanceMatch => {
    if (m.observed === undefined) return m;
    const earlier = first.get(m.observed.instanceId);
    if (earlier === undefined) {
      first.set(m.observed.instanceId, m.desired);
      return m;
    }
    const d = m.desired;
    return {
      desired: d,
      issue: {
        code: 'spec/duplicate-instance-id',
        severity: 'error',
        path: joinPath(d.source.path, d.instanceId === undefined ? 'name' : 'instanceId'),
        message: `"${d.name}" resolves to ${m.observed.instanceId}, which "${earlier.name}" (${earlier.source.file === undefined ? '' : `${earlier.source.file} `}${earlier.source.path}) already declares`,
        hint: 'declare each instance once; remove one of the two declarations',
        ...(d.source.file === undefined ? {} : { file: d.source.file }),
      },
    };
  });
}
