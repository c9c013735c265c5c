/** An issue's place and its fix in words; remedies are worded by each front end, with a default that names no flag. */
import type { Issue, Remedy } from '../spec/issues';

/** Where an issue points: `instances[3].bandwidthMBps (fleet.yaml:12:5)`. */
export function describeIssueLocation(issue: Issue): string {
  if (issue.file === undefined) return issue.path;
  const pos = issue.line === undefined ? '' : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  return issue.path === '' ? `${issue.file}${pos}` : `${issue.path} (${issue.file}${pos})`;
}

/** Words for a remedy; each front end passes its own (CLI flags, Pulumi inputs). */
export type RemedyWords = (remedy: Remedy) => string;

/** Remedies in words that name no front end's flags: the renderers' default. */
export const describeRemedy: RemedyWords = (remedy) => {
  switch (remedy.kind) {
    case 'ignore-check':
      return `to apply anyway, accept the risk of ${remedy.check} explicitly at apply time`;
    case 'replan':
      return 'make a new plan, review it, and apply that one';
    case 'apply-again':
      return 'apply this plan again; it resumes from what the cloud shows';
  }
};

/** An issue's hint followed by its remedies in `words`, or `undefined` when it has neither. */
export function describeFix(issue: Pick<Issue, 'hint' | 'remedies'>, words: RemedyWords = describeRemedy): string | undefined {
  const parts = [...(issue.hint === undefined ? [] : [issue.hint]), ...(issue.remedies ?? []).map(words)];
  return parts.length === 0 ? undefined : parts.join('; or ');
}
