/**
 * What `ckafka doctor` finds: whether the cloud answers the read actions ckafka-iac depends on in
 * the shapes its adapter relies on, which known differences from the documentation it meets
 * (and handles on the safe side), and what it could settle of the points no source confirms.
 * Plain data, so the CLI prints it as text or JSON and a user can attach it to a bug report;
 * {@link redactDiagnosis} takes the account's ids out.
 */

/**
 * How much a finding matters.
 *
 * - `divergence`: the cloud answered in a shape the adapter does not handle (a field it needs
 *   missing or of another type, an action it depends on refused): worth a bug report.
 * - `handled`: a known difference from a first reading of the documentation that the adapter
 *   handles on the safe side (elastic storage, a running value off the sale step, a past
 *   RebalanceTime, a route without a status, …).
 * - `note`: information for the report.
 */
export type FindingSeverity = 'divergence' | 'handled' | 'note';

/** One finding, in words, with what it concerns. */
export interface Finding {
  /** Stable id of the check, e.g. `missing-field`, `elastic-storage`, `route-without-status`. */
  readonly check: string;
  readonly severity: FindingSeverity;
  /** The API action whose answer showed it. */
  readonly action: string;
  /** The instance concerned (its id; redacted by default), when there is one. */
  readonly instanceId?: string;
  readonly message: string;
}

/** One call doctor made, and how it went. */
export interface DiagnosisCall {
  readonly action: string;
  readonly instanceId?: string;
  /** What was asked, in a few words (`current spec, BandWidth in Mbps`). */
  readonly asked?: string;
  readonly outcome: 'answered' | 'refused' | 'failed';
  /** The cloud's error code when it refused or failed. */
  readonly code?: string;
  /** For support; left out when redacted. */
  readonly requestId?: string;
}

/** An unconfirmed point of the API, and what the answers of this cloud say about it. */
export interface Settlement {
  /** Stable id, e.g. `modify-type-bandwidth-unit`. */
  readonly question: string;
  /** The answer in a word or two (`Mbps`, `likely Mbps`, `inconclusive`, `yes`, `no`). */
  readonly answer: string;
  /** Whether the answers settle it. */
  readonly settled: boolean;
  /** The answers it rests on, in words. */
  readonly evidence: string;
  /** What ckafka-iac does about the point whatever the answer. */
  readonly safeguard: string;
}

/** The whole report. */
export interface Diagnosis {
  /** `tencent` or `emulator`. */
  readonly cloud: string;
  readonly region: string;
  /** When the report was made (the cloud's clock), ISO-8601 UTC. */
  readonly at: string;
  /** Instances the listing returned (the region, or the ids asked for), and those the per-instance actions were asked about. */
  readonly instances: { readonly listed: number; readonly checked: readonly string[] };
  readonly calls: readonly DiagnosisCall[];
  readonly findings: readonly Finding[];
  readonly settlements: readonly Settlement[];
}

/** What to diagnose. */
export interface DiagnoseOptions {
  /** Instances to ask about. @default a sample of the region's instances */
  readonly instanceIds?: readonly string[];
  /** How many instances the sample holds at most. @default 5 */
  readonly sample?: number;
  readonly signal?: AbortSignal;
}

/** Whether a report found something the adapter does not handle. */
export function hasDivergence(d: Pick<Diagnosis, 'findings'>): boolean {
  return d.findings.some((f) => f.severity === 'divergence');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The report with the account's instance ids replaced by `instance-1`, `instance-2`, … (in the
 * order the report names them, wherever they appear) and request ids left out: fit to attach to
 * a public bug report. Names, VPCs and addresses are never in a report.
 */
export function redactDiagnosis(d: Diagnosis): Diagnosis {
  const ids = [...new Set([...d.instances.checked, ...d.calls.flatMap((c) => (c.instanceId === undefined ? [] : [c.instanceId])), ...d.findings.flatMap((f) => (f.instanceId === undefined ? [] : [f.instanceId]))])];
  const alias = new Map(ids.map((id, i) => [id, `instance-${i + 1}`]));
  // Request ids also appear inside the messages of the errors the cloud answered.
  for (const c of d.calls) if (c.requestId !== undefined && c.requestId !== '') alias.set(c.requestId, '(redacted)');
  const secret = [...alias.keys()];
  const pattern = secret.length === 0 ? undefined : new RegExp(secret.map(escapeRegExp).join('|'), 'g');
  const text = (s: string): string => (pattern === undefined ? s : s.replace(pattern, (m) => alias.get(m) ?? m));
  const id = (s: string | undefined): { instanceId?: string } => (s === undefined ? {} : { instanceId: alias.get(s) ?? text(s) });
  return {
    ...d,
    instances: { listed: d.instances.listed, checked: d.instances.checked.map((c) => alias.get(c) ?? c) },
    calls: d.calls.map(({ requestId: _dropped, instanceId, ...c }) => ({ ...c, ...id(instanceId), ...(c.asked === undefined ? {} : { asked: text(c.asked) }) })),
    findings: d.findings.map(({ instanceId, ...f }) => ({ ...f, ...id(instanceId), message: text(f.message) })),
    settlements: d.settlements.map((s) => ({ ...s, evidence: text(s.evidence) })),
  };
}
