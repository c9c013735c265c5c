/**
 * Remedies in the CLI's words: the flags and commands of `ckafka`.
 */
import type { Remedy } from '../spec/issues';

/** One remedy as a `ckafka` user acts on it. */
export function cliRemedyWords(remedy: Remedy): string {
  switch (remedy.kind) {
    case 'ignore-check':
      return `to apply anyway, pass --ignore-check ${remedy.check} to accept the risk`;
    case 'replan':
      return 're-run `ckafka plan --out <file>`, review the new plan, and apply that';
    case 'apply-again':
      return 'run `ckafka apply` of the same plan again; it resumes from what the cloud shows';
  }
}
