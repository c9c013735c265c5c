/**
 * The facts of a diff as data: the plan's verdict, migration, mode, estimate, window, cost and
 * failing checks, and why a diff replaces, cannot plan or found the instance changed. Each is
 * logged as one line (`<instance>: <topic>: …`) at its severity, and handed as data to a logger
 * that takes diagnostics (`CkafkaProviderLogger.diagnostic`).
 */
import type { CheckId, PlanAction } from '../plan/types';
import type { IssueCode } from '../spec/issues';
import type { UpgradeMode } from '../spec/types';

/** What every diagnostic carries. */
interface DiagnosticBase {
  /** `warning` for what fails or surprises (failing checks, replacements, drift); `info` otherwise. */
  readonly severity: 'info' | 'warning';
  /** The declared instance name. */
  readonly instance: string;
  /** The line as it is logged. */
  readonly message: string;
}

/** One fact of a diff. */
export type CkafkaDiagnostic = DiagnosticBase &
  (
    | { readonly topic: 'verdict'; readonly action: PlanAction; readonly summary: string; readonly digest: string }
    | { readonly topic: 'migration'; readonly required: boolean | null; readonly basis: string }
    | { readonly topic: 'mode'; readonly mode: UpgradeMode | null; readonly selectable: boolean }
    | { readonly topic: 'estimate'; readonly seconds: number | null }
    | {
        readonly topic: 'window';
        readonly kind: 'now' | 'at' | 'window';
        /** When the change may start, ISO-8601 UTC. */
        readonly startsAt: string;
        /** When the window occurrence closes, ISO-8601 UTC; `null` for `now` and `at`. */
        readonly endsAt: string | null;
        /** The window's time zone; `null` for `now` and `at`. */
        readonly timezone: string | null;
        /** Whether `pulumi up` now would defer the change (it may start later, and `wait` is off). */
        readonly deferred: boolean;
      }
    | {
        readonly topic: 'cost';
        /** `null` with `source` when no price is available. */
        readonly currency: string | null;
        readonly source: 'quote' | 'list-price' | null;
        readonly monthlyDelta: number | null;
        readonly hourlyDelta: number | null;
        readonly proratedCharge: number | null;
      }
    | { readonly topic: 'check'; readonly check: CheckId; readonly checkMessage: string; readonly ignored: boolean }
    | { readonly topic: 'issue'; readonly code: IssueCode; readonly path: string }
    | { readonly topic: 'replace'; readonly keys: readonly string[] }
    | { readonly topic: 'unknown-inputs'; readonly paths: readonly string[] }
    | { readonly topic: 'gone' }
    | { readonly topic: 'drift'; readonly drift: string }
    | { readonly topic: 'rename'; readonly cloudName: string }
  );

/** The topics of {@link CkafkaDiagnostic}. */
export type CkafkaDiagnosticTopic = CkafkaDiagnostic['topic'];
