/**
 * An apply result in the CLI's words: a line per instance and a summary (stdout), the issues
 * apart (stderr). Used by `ckafka apply` and `ckafka queue apply`. Names, ids, messages and
 * endpoints come from the plan and the cloud: each is escaped and kept on its line.
 */
import type { ApplyResult, EndpointChange, InstanceOutcome } from '../apply/apply-types';
import { escapeTerminalLine as line } from '../render/escape-terminal';
import type { Issue } from '../spec/issues';

/** One character per outcome, at the start of each result line. */
export const OUTCOME_MARKS: Record<InstanceOutcome, string> = {
  done: '✓',
  unchanged: '=',
  deferred: '…',
  scheduled: '…',
  'in-progress': '…',
  blocked: '✗',
  refused: '✗',
  failed: '✗',
  running: '!',
  skipped: '-',
};

// What to do next, for the outcomes that leave work for a later run.
const NEXT: Partial<Record<InstanceOutcome, string>> = {
  deferred: '; apply this plan again then (a scheduled CI job can)',
  scheduled: '; apply this plan again after it runs, to verify',
};

/** Endpoints a migration changed, and what to do about them (the upgrade documentation's warning). */
export function describeEndpointChange(change: EndpointChange): string {
  const list = (endpoints: EndpointChange['before']) => endpoints.map((e) => line(`${e.vip}:${e.vport}`)).join(', ');
  return `endpoints changed: ${list(change.after)} (were ${list(change.before)}): allow the new ports in your security groups`;
}

/** The issues of an apply result, for stderr with the other errors (the result itself goes to stdout). */
export function applyIssues(result: ApplyResult): Issue[] {
  return [...result.issues, ...result.instances.flatMap((r) => r.issues)];
}

/** The apply result for a human: a line per instance and a summary; the issues go to stderr. */
export function renderApplyResult(result: ApplyResult): string {
  const out: string[] = [];
  for (const r of result.instances) {
    out.push(`${OUTCOME_MARKS[r.outcome]} ${line(r.name)}${r.instanceId ? ` (${line(r.instanceId)})` : ''}: ${r.outcome} — ${line(r.message)}${NEXT[r.outcome] ?? ''}`);
    if (r.ignoredChecks && r.ignoredChecks.length > 0) out.push(`    ignored failing checks (--ignore-check): ${r.ignoredChecks.join(', ')}`);
    if (r.submitted)
      out.push(
        r.submitted.acceptedBy === 'observation'
          ? `    submitted at ${line(r.submitted.at)}: the answer was lost, and the cloud shows the change`
          : `    submitted at ${line(r.submitted.at)} (request ${line(r.submitted.requestId)})`,
      );
    if (r.endpointsChanged) out.push(`    ${describeEndpointChange(r.endpointsChanged)}`);
  }
  out.push('', `Apply: ${result.summary.line}.`);
  if (result.summary.stillRunning.length > 0) {
    const detached = result.instances.some((r) => r.outcome === 'in-progress');
    out.push(`Still running in the cloud: ${result.summary.stillRunning.map(line).join(', ')}. Apply the same plan again to ${detached ? 'see their progress and to verify them once they end' : 'follow them'}.`);
  }
  if (result.interrupted) out.push('Interrupted: no new change was submitted after Ctrl-C.');
  return `${out.join('\n')}\n`;
}
