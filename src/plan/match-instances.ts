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
  return desired.map((d): InstanceMatch => {
    const file = d.source.file === undefined ? {} : { file: d.source.file };
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
}
