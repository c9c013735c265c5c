/**
 * What `ckafka doctor`'s answers settle of the points no source confirms (docs/sources.md, issue
 * 12): the unit of DescribeModifyType's BandWidth from a probe of each sampled instance, and what
 * the listing and the pre-check reads showed of the others.
 */
import type { DiagnosisCall, Finding, Settlement } from '../diagnosis';
import type { CloudError } from '../port';

/**
 * One instance's answers to DescribeModifyType for its current spec with 100 more partitions,
 * BandWidth sent as its bandwidth in MB/s (`asMBps`) and × 8 (`asMbps`). Read as MB/s, the first
 * is a partition-only change and the second an 8-fold bandwidth increase; read as Mbps, the first
 * is an eighth of the bandwidth and the second the partition-only change. `true`: migrates.
 */
export interface UnitProbe {
  readonly instanceId: string;
  readonly bandwidthMBps: number;
  readonly asMBps: boolean | CloudError;
  readonly asMbps: boolean | CloudError;
}

type Reading = 'MB/s' | 'Mbps' | 'leans Mbps' | 'inconclusive';

function words(a: boolean | CloudError): string {
  return typeof a === 'boolean' ? (a ? 'migration' : 'no migration') : `refused (${a.code})`;
}

/** What one probe says about the unit. */
export function readUnitProbe(p: UnitProbe): Reading {
  const x = p.asMBps;
  const y = p.asMbps;
  // A partition-only change is valid and does not migrate in either reading; only the other
  // request can differ.
  if (x === false && y === true) return 'MB/s';
  if (x === true && y === false) return 'Mbps';
  if (typeof x !== 'boolean' && y === false) return 'Mbps';
  if (x === false && typeof y !== 'boolean') return 'MB/s';
  // Read as MB/s, 8× the bandwidth would have to fit the cluster as it is: possible, rare.
  if (x === false && y === false) return 'leans Mbps';
  return 'inconclusive';
}

/** The settlement of DescribeModifyType's BandWidth unit from every probe. */
export function modifyTypeUnitSettlement(probes: readonly UnitProbe[]): Settlement {
  const readings = probes.map(readUnitProbe);
  const decisive = new Set(readings.filter((r): r is 'MB/s' | 'Mbps' => r === 'MB/s' || r === 'Mbps'));
  const evidence =
    probes.length === 0
      ? 'no instance could be asked'
      : probes
          .map((p, i) => `${p.instanceId} at ${p.bandwidthMBps} MB/s with 100 more partitions: BandWidth ${p.bandwidthMBps} → ${words(p.asMBps)}, ${p.bandwidthMBps * 8} → ${words(p.asMbps)} (${readings[i] ?? ''})`)
          .join('; ');
  const [only] = [...decisive];
  const answer =
    decisive.size === 1 && only !== undefined ? only : decisive.size > 1 ? 'inconclusive (the instances disagree)' : readings.includes('leans Mbps') ? 'likely Mbps' : 'inconclusive';
  return {
    question: 'modify-type-bandwidth-unit',
    answer,
    settled: decisive.size === 1,
    evidence,
    safeguard: 'asks DescribeModifyType in both readings and takes the change as migrating if either says so or either fails; please report a settled answer',
  };
}

function seen(findings: readonly Finding[], check: string): Finding[] {
  return findings.filter((f) => f.check === check);
}

/** The points the listing and the pre-check reads show, as settlements. */
export function observedSettlements(findings: readonly Finding[], calls: readonly DiagnosisCall[], listed: number): Settlement[] {
  const count = (check: string, what: string, safeguard: string, question: string): Settlement => {
    const n = new Set(seen(findings, check).map((f) => f.instanceId)).size;
    return {
      question,
      answer: n > 0 ? `seen on ${n} instance${n === 1 ? '' : 's'}` : 'not seen',
      settled: n > 0,
      evidence: n > 0 ? `${n} of the ${listed} instances listed ${what}` : `none of the ${listed} instances listed ${what}`,
      safeguard,
    };
  };
  const topicCalls = calls.filter((c) => c.action === 'DescribeTopicDetail');
  const topicsAnswered = topicCalls.filter((c) => c.outcome === 'answered').length;
  const routeGaps = seen(findings, 'route-without-status').length;
  const routeCalls = calls.filter((c) => c.action === 'DescribeRoute' && c.outcome === 'answered').length;
  return [
    count('elastic-storage', 'report DiskSize -1', 'read as elastic storage: no disk size is compared, planned or sent', 'disk-size-minus-one'),
    count('past-rebalance-time', 'show a RebalanceTime in the past', 'a RebalanceTime counts as a scheduled task until 8 hours after it (its zone is not documented), then as one that ran', 'past-rebalance-time'),
    count('off-step-running', 'run a value off the sale step', 'such a value is valid as declared; a change must go to a value on the step', 'off-step-running-values'),
    {
      question: 'describe-topic-detail-by-api',
      answer: topicCalls.length === 0 ? 'not asked' : topicsAnswered === topicCalls.length ? 'yes' : topicsAnswered === 0 ? 'no' : 'for some instances',
      settled: topicCalls.length > 0,
      evidence: topicCalls.length === 0 ? 'no instance was asked about its topics' : `DescribeTopicDetail (marked console-only in the Go SDK) answered ${topicsAnswered} of ${topicCalls.length} call${topicCalls.length === 1 ? '' : 's'}`,
      safeguard: 'without it the topic pre-checks are "not checked" and apply blocks',
    },
    {
      question: 'route-status-present',
      answer: routeCalls === 0 ? 'not asked' : routeGaps > 0 ? 'no (absent on some routes)' : 'yes',
      settled: routeCalls > 0,
      evidence: routeCalls === 0 ? 'no route was read' : `${routeCalls} DescribeRoute answers, ${routeGaps} with routes lacking Status`,
      safeguard: 'a route without a status makes routes-healthy "not checked" (unverified), never passed',
    },
  ];
}
