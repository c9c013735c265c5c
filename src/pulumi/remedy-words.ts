/**
 * Remedies in a Pulumi user's words: resource inputs and `pulumi` commands.
 */
import type { Issue, Remedy } from '../spec/issues';

/** One remedy as a Pulumi user acts on it. */
export function pulumiRemedyWords(remedy: Remedy): string {
  switch (remedy.kind) {
    case 'ignore-check':
      return `to apply anyway, add "${remedy.check}" to the resource's ignoreChecks to accept the risk`;
    case 'replan':
      return 'run `pulumi preview` to review the change as it stands now, then `pulumi up`';
    case 'apply-again':
      return 'run `pulumi up` again; it resumes from what the cloud shows';
  }
}

/** An issue's hint and remedies in a Pulumi user's words, or `undefined` when it has neither. */
export function pulumiFixOf(issue: Pick<Issue, 'hint' | 'remedies'>): string | undefined {
  const parts = [...(issue.hint === undefined ? [] : [issue.hint]), ...(issue.remedies ?? []).map(pulumiRemedyWords)];
  return parts.length === 0 ? undefined : parts.join('; or ');
}
