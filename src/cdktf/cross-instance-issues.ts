/** What is wrong only across the instances of an app: a name or an id declared twice, instances in more than one region. */
import type { Issue } from '../spec/issues';
import { cdktfIssue } from './cdktf-issue';
import type { FoundInstance } from './read-ckafka-resource';

/** The issues between the instances found: duplicate names and ids, then mixed regions. */
export function crossInstanceIssues(found: readonly FoundInstance[]): Issue[] {
  return [...duplicateIssues(found), ...regionIssues(found)];
}

function duplicateIssues(found: readonly FoundInstance[]): Issue[] {
  const out: Issue[] = [];
  for (const key of ['name', 'instanceId'] as const) {
    const first = new Map<string, FoundInstance>();
    for (const f of found) {
      const value = f[key];
      if (value === undefined) continue;
      const seen = first.get(value);
      if (seen === undefined) {
        first.set(value, f);
        continue;
      }
      out.push(
        key === 'name'
          ? cdktfIssue('spec/duplicate-name', f.nameAt, `name "${value}" is already used by ${seen.path}`, 'give every instance a unique name', f.file)
          : cdktfIssue(
              'spec/duplicate-instance-id',
              f.idAt,
              `instanceId ${value} is already declared by ${seen.path}`,
              'declare each CKafka instance once; remove one of the two declarations',
              f.file,
            ),
      );
    }
  }
  return out;
}

function regionIssues(found: readonly FoundInstance[]): Issue[] {
  const byRegion = new Map<string, FoundInstance[]>();
  for (const f of found) {
    const key = f.region.value ?? '';
    byRegion.set(key, [...(byRegion.get(key) ?? []), f]);
  }
  if (byRegion.size <= 1) return [];
  const [firstGroup, ...others] = [...byRegion.entries()];
  const describe = ([region, group]: [string, FoundInstance[]]) =>
    `${region === '' ? 'no region (Terraform takes TENCENTCLOUD_REGION)' : region} for ${group.map((f) => f.path).join(', ')}`;
  return others.map((g) => {
    const at = g[1][0] as FoundInstance;
    return cdktfIssue(
      'cdktf/mixed-regions',
      at.region.at,
      `instances are declared in more than one region: ${describe(firstGroup as [string, FoundInstance[]])}; ${describe(g)}`,
      'ckafka-iac plans one region at a time: give every tencentcloud provider the same literal region, or put each region in its own cdktf app and plan each separately',
      at.file,
    );
  });
}
