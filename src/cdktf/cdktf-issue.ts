/** The one shape of an issue found in a synthesized cdktf app. */
import type { Issue, IssueCode, Severity } from '../spec/issues';

/** An issue at `at` (a construct or config path) in `file`, an error unless `severity` says otherwise. */
export function cdktfIssue(code: IssueCode, at: string, message: string, hint: string | undefined, file: string | undefined, severity: Severity = 'error'): Issue {
  return {
    code,
    severity,
    path: at,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(file === undefined ? {} : { file }),
  };
}
