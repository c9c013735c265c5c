/** The action DescribeTopicFlowRanking: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { requireInstance } from '../engine/instance-lookups';
import { topicFlowRanking } from '../engine/topic-reads';
import type { TopicState } from '../state-schema';
import type { ParamSpec } from '../_wire-params';
import { brokerVips, mainRoute } from './response-shapes';
import { defineWireAction } from './wire-action';
import { BEIJING_OFFSET_MS } from './wire-units';

function parseFlowRankingDate(value: string, field: string): { at: Date; dateOnly: boolean } {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  // Dates without an offset are Beijing time, as the console shows them.
  const normalised = dateOnly
    ? `${value}T00:00:00+08:00`
    : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/.test(value)
      ? `${value.replace(' ', 'T')}+08:00`
      : value;
  const ms = Date.parse(normalised);
  if (Number.isNaN(ms)) {
    throw new ApiError('InvalidParameterValue', `${field} ${JSON.stringify(value)} is not a date; use YYYY-MM-DD or an ISO-8601 time such as 2026-03-01T00:00:00+08:00`);
  }
  return { at: new Date(ms), dateOnly };
}

function startOfBeijingDay(d: Date): number {
  const shifted = d.getTime() + BEIJING_OFFSET_MS;
  return shifted - (shifted % 86400000) - BEIJING_OFFSET_MS;
}

/**
 * The time range of DescribeTopicFlowRanking. UNCONFIRMED semantics: a date-only value, or a
 * begin equal to the end (as in the API example), covers whole Beijing days; otherwise the exact
 * instants. Without dates, today (Beijing) up to now.
 */
export function flowRankingRange(begin: string | undefined, end: string | undefined, now: Date): { from: Date; to: Date } {
  if (begin === undefined && end === undefined) return { from: new Date(startOfBeijingDay(now)), to: now };
  const b = parseFlowRankingDate(begin ?? (end as string), 'BeginDate');
  const e = parseFlowRankingDate(end ?? (begin as string), 'EndDate');
  if (e.at.getTime() < b.at.getTime()) throw new ApiError('InvalidParameterValue', `EndDate ${end} is before BeginDate ${begin}`);
  const wholeDays = b.dateOnly || e.dateOnly || b.at.getTime() === e.at.getTime();
  if (!wholeDays) return { from: b.at, to: e.at };
  return { from: new Date(startOfBeijingDay(b.at)), to: new Date(startOfBeijingDay(e.at) + 86400000) };
}

/** The parameters of DescribeTopicFlowRanking (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  RankingType: { type: 'string', required: true },
  BeginDate: { type: 'string' },
  EndDate: { type: 'string' },
  BrokerIp: { type: 'string' },
} as const satisfies ParamSpec;

/** The topics by produce traffic and by data held over a range of time. */
export const describeTopicFlowRanking = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const inst = requireInstance(state, ctx.region, p.InstanceId);
  if (p.RankingType !== 'PRO' && p.RankingType !== 'CON') {
    throw new ApiError('InvalidParameterValue', `RankingType ${JSON.stringify(p.RankingType)} is not valid; use PRO (produce traffic) or CON (consume traffic)`);
  }
  const range = flowRankingRange(p.BeginDate, p.EndDate, ctx.now);
  const { byTraffic, byHeap } = topicFlowRanking(inst, range.from, range.to, ctx.now);
  const route = mainRoute(inst);
  const brokers = route === undefined ? [] : brokerVips(inst, route).map((b) => b.Vip);
  if (p.BrokerIp !== undefined && !brokers.includes(p.BrokerIp)) {
    throw new ApiError('InvalidParameterValue', `BrokerIp ${p.BrokerIp} is not a broker of ${inst.instanceId}; brokers: ${brokers.join(', ')}`);
  }
  // ASSUMED: consumers read what producers write (no consumer groups are modelled).
  const trafficOf = new Map(byTraffic.map((r) => [r.topic.name, r.trafficMB]));
  const trafficMB = (tp: TopicState): number => trafficOf.get(tp.name) ?? 0;
  const row = (tp: TopicState) => ({
    TopicId: tp.topicId,
    TopicName: tp.name,
    PartitionNum: tp.partitions,
    ReplicaNum: tp.replicas,
    TopicTraffic: trafficMB(tp).toFixed(2),
    MessageHeap: tp.dataBytes,
  });
  const perBroker = p.BrokerIp !== undefined ? Math.max(1, brokers.length) : 0;
  return {
    Result: {
      TopicFlow: byTraffic.map((r) => row(r.topic)),
      ConsumeSpeed: [],
      TopicMessageHeap: byHeap.map(row),
      BrokerIp: brokers,
      BrokerTopicData: perBroker === 0 ? [] : byHeap.map((tp) => ({ TopicName: tp.name, TopicId: tp.topicId, DataSize: Math.floor(tp.dataBytes / perBroker) })),
      BrokerTopicFlowData:
        perBroker === 0 ? [] : byTraffic.map(({ topic: tp }) => ({ TopicName: tp.name, TopicId: tp.topicId, TopicTraffic: (trafficMB(tp) / perBroker).toFixed(2) })),
    },
  };
});
