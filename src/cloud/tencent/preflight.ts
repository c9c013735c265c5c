/**
 * The rules of the pre-check facts that do not depend on how they are gathered: which topics are
 * asked about replica sync, the order of topics and of fact errors, and the usage window.
 * Gathering them is `gather-preflight.ts`.
 */
import type { FactError, TopicFact } from '../../spec/observed';

/** DescribeTopicFlowRanking looks back this far for `diskUsedGB` and `produceMBps`: 24 hours. */
export const USAGE_WINDOW_SECONDS = 24 * 3600;

/**
 * Whether a topic can have out-of-sync replicas worth asking about: live (status 0), with more
 * than one replica. A topic being deleted (2) or deleted (1) is not asked about: its replicas
 * are going away.
 */
export function needsSyncCheck(t: Pick<TopicFact, 'statusCode' | 'replicas'>): boolean {
  return t.statusCode === 0 && t.replicas > 1;
}

/** A topic with its creation time in Unix seconds (the API's resolution), `undefined` when not known. */
export interface AgedTopic {
  readonly name: string;
  readonly createdAtSeconds: number | undefined;
}

/**
 * The order of `PreflightFacts.topics`: oldest first, then by name; a topic whose creation time
 * is not known comes last. Oldest first means a topic created while the pages were read lands
 * after the pages already read; the name makes ties (a second's resolution) stable.
 */
export function compareTopicsByAge(a: AgedTopic, b: AgedTopic): number {
  const ta = a.createdAtSeconds ?? Number.POSITIVE_INFINITY;
  const tb = b.createdAtSeconds ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The facts of `PreflightFacts` in the order their errors are listed. */
const FACT_ORDER: readonly string[] = ['routes', 'topics', 'outOfSync', 'maxMessageBytes', 'zoneInStock', 'diskUsedGB', 'produceMBps'];

/**
 * Fact errors in a stable order: by fact (in the order of the `PreflightFacts` fields), and in
 * the order they were found within a fact. Facts are gathered concurrently, so the order they
 * fail in says nothing.
 */
export function sortFactErrors(errors: readonly FactError[]): FactError[] {
  const rank = (e: FactError): number => {
    const i = e.fact === undefined ? -1 : FACT_ORDER.indexOf(e.fact);
    return i === -1 ? FACT_ORDER.length : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((x, y) => rank(x.e) - rank(y.e) || x.i - y.i)
    .map((x) => x.e);
}
