/**
 * The pre-check facts of an instance (`CkafkaCloud.preflight`): routes, topics, replica sync,
 * max message size, zone stock and usage, gathered concurrently through the adapter's calls.
 */
import { setMaxListeners } from 'node:events';
import type { FactError, ObservedInstance, OutOfSyncFact, PreflightFacts, RouteFact, TopicFact } from '../../spec/observed';
import { CloudError, type CallOptions } from '../port';
import { AbortedError } from '../resilience/aborted-error';
import { mapWithConcurrency } from '../resilience/map-with-concurrency';
import { PAGE_SIZE, type CkafkaCalls } from './ckafka-calls';
import { CLIENT_ERROR, clientError } from './errors';
import { flowRankingDate, mapRoute, mapTopic, outOfSyncFact, outOfSyncPartitions, usageFromFlowRanking, zoneStock } from './mapping';
import { USAGE_WINDOW_SECONDS, compareTopicsByAge, needsSyncCheck, sortFactErrors } from './preflight';

/** The adapter's calls the preflight makes: reads under the call policy, its error mapping, and its limits. */
export type PreflightCalls = Pick<CkafkaCalls, 'read' | 'readAllPages' | 'asCloudError' | 'concurrency' | 'rateOf'>;

/**
 * Topics asked about replica sync at once: no wider than the action's rate, as more callers
 * would only hold concurrency slots while waiting for tokens, starving the other facts' calls.
 */
function syncFanOut(calls: PreflightCalls): number {
  return Math.max(1, Math.min(calls.concurrency, Math.floor(calls.rateOf('DescribeTopicSyncReplica'))));
}

/**
 * The pre-check facts, gathered concurrently: DescribeRoute; DescribeTopicDetail (all pages;
 * topics oldest first, then by name); DescribeTopicSyncReplica with OutOfSyncReplicaOnly for each
 * live (status 0) topic with more than one replica (bounded fan-out, at the action's 5/s limit:
 * the slow part for thousands of topics); DescribeInstanceAttributes (MaxMessageByte);
 * DescribeCkafkaZone (stock); and DescribeTopicFlowRanking PRO over the last 24 hours (data held,
 * produce rate).
 *
 * Routes, topics and out-of-sync replicas are required: if one cannot be gathered the call
 * rejects (and stops the other calls) rather than report an empty, passing list. The other facts
 * stay undefined on failure and are listed in `errors`, in the order of the fields. `now` is the
 * cloud's current time, the end of the usage window.
 */
export async function gatherPreflight(calls: PreflightCalls, instance: ObservedInstance, now: () => Date, options?: CallOptions): Promise<PreflightFacts> {
  const id = instance.instanceId;
  const linked = new AbortController();
  // One listener per topic call in flight: more than Node's default 10 is expected here.
  setMaxListeners(10_000, linked.signal);
  const outer = options?.signal;
  const forward = (): void => linked.abort(outer?.reason);
  if (outer?.aborted === true) forward();
  outer?.addEventListener('abort', forward, { once: true });
  const signal = linked.signal;
  const errors: FactError[] = [];

  const required = async <T>(fact: string, gather: () => Promise<T>): Promise<T> => {
    try {
      return await gather();
    } catch (e) {
      const err = calls.asCloudError(e, 'preflight', signal, id);
      linked.abort();
      throw new CloudError(
        err.kind,
        err.code,
        `preflight of ${id}: ${fact} could not be gathered, so the pre-checks cannot run: ${err.message}`,
        err.action,
        err.requestId,
        err.httpCode,
      );
    }
  };
  const optional = async <T>(facts: readonly string[], gather: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await gather();
    } catch (e) {
      if (signal.aborted) throw e;
      const err = calls.asCloudError(e, 'preflight', signal, id);
      for (const fact of facts) errors.push({ what: 'preflight', fact, code: err.code, message: err.message });
      return undefined;
    }
  };

  try {
    const [routes, topicFacts, maxMessageBytes, zone, usage] = await Promise.all([
      required('routes', () => readRoutes(calls, id, errors, signal)),
      required('topics', () => readTopics(calls, id, errors, signal)).then(async (topics) => ({
        topics,
        outOfSync: await required('outOfSync', () => readOutOfSync(calls, id, topics, errors, signal)),
      })),
      optional(['maxMessageBytes'], async () => {
        const r = await calls.read('DescribeInstanceAttributes', { InstanceId: id }, signal, id);
        const v = r.Result?.MaxMessageByte;
        if (typeof v !== 'number') {
          throw clientError('other', CLIENT_ERROR.unexpectedResponse, `DescribeInstanceAttributes of ${id} gave no MaxMessageByte`, 'DescribeInstanceAttributes');
        }
        return v;
      }),
      optional(['zoneInStock'], async () => {
        const r = await calls.read('DescribeCkafkaZone', {}, signal);
        const stock = zoneStock(r.Result?.ZoneList, instance);
        if ('missingZones' in stock) {
          throw clientError(
            'other',
            CLIENT_ERROR.unexpectedResponse,
            `DescribeCkafkaZone does not list zone ${stock.missingZones.join(', ')} of ${id}, so its stock is not known`,
            'DescribeCkafkaZone',
          );
        }
        if ('unverified' in stock) throw clientError('other', CLIENT_ERROR.unexpectedResponse, `DescribeCkafkaZone for ${id}: ${stock.unverified}`, 'DescribeCkafkaZone');
        return stock.inStock;
      }),
      optional(['diskUsedGB', 'produceMBps'], async () => {
        const end = now();
        const begin = new Date(end.getTime() - USAGE_WINDOW_SECONDS * 1000);
        // UNCONFIRMED: the date format (the API example's) and that the range is honoured to the second.
        const r = await calls.read(
          'DescribeTopicFlowRanking',
          { InstanceId: id, RankingType: 'PRO', BeginDate: flowRankingDate(begin), EndDate: flowRankingDate(end) },
          signal,
          id,
        );
        return usageFromFlowRanking(r.Result, USAGE_WINDOW_SECONDS);
      }),
    ]);
    return {
      routes,
      topics: topicFacts.topics,
      outOfSync: topicFacts.outOfSync,
      ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }),
      ...(zone === undefined ? {} : { zoneInStock: zone }),
      ...(usage?.diskUsedGB === undefined ? {} : { diskUsedGB: usage.diskUsedGB }),
      ...(usage?.produceMBps === undefined ? {} : { produceMBps: usage.produceMBps }),
      ...(errors.length === 0 ? {} : { errors: sortFactErrors(errors) }),
    };
  } catch (e) {
    // An abort by the caller surfaces as such, not as the first fact that noticed it.
    if (outer?.aborted === true) throw calls.asCloudError(new AbortedError(outer.reason), 'preflight', undefined, id);
    throw e;
  } finally {
    outer?.removeEventListener('abort', forward);
  }
}

async function readRoutes(calls: PreflightCalls, id: string, errors: FactError[], signal: AbortSignal): Promise<RouteFact[]> {
  const r = await calls.read('DescribeRoute', { InstanceId: id }, signal, id);
  const routers = r.Result?.Routers;
  if (routers === undefined) {
    throw clientError('other', CLIENT_ERROR.unexpectedResponse, `DescribeRoute of ${id} gave no Routers list`, 'DescribeRoute');
  }
  const routes = routers.map(mapRoute);
  for (const route of routes) {
    if (route.statusCode === -1) {
      errors.push({
        what: 'preflight',
        fact: 'routes',
        code: CLIENT_ERROR.unexpectedResponse,
        message: `DescribeRoute gave no status for route ${route.routeId} of ${id}; its health could not be verified`,
      });
    }
  }
  return routes;
}

async function readTopics(calls: PreflightCalls, id: string, errors: FactError[], signal: AbortSignal): Promise<TopicFact[]> {
  // Asked oldest first, so topics created while paging land after the pages already read.
  const details = await calls.readAllPages(
    'DescribeTopicDetail',
    (Offset) => ({ InstanceId: id, Offset, Limit: PAGE_SIZE, OrderBy: 'CreateTime', OrderType: 0 }),
    (r) => r.Result?.TotalCount,
    (r) => r.Result?.TopicList,
    signal,
    id,
  );
  // Sorted here too (oldest first, then by name), whatever order the API gives topics created in
  // the same second; a topic listed twice (paging while topics are created) is kept once.
  const aged = details
    .map((d) => {
      const fact = mapTopic(d);
      return { fact, name: fact.name, createdAtSeconds: typeof d.CreateTime === 'number' ? d.CreateTime : undefined };
    })
    .sort(compareTopicsByAge);
  const byName = new Map<string, TopicFact>();
  for (const { fact } of aged) if (!byName.has(fact.name)) byName.set(fact.name, fact);
  const topics = [...byName.values()];
  for (const t of topics) {
    if (t.statusCode === -1) {
      errors.push({
        what: 'preflight',
        fact: 'topics',
        code: CLIENT_ERROR.unexpectedResponse,
        message: `DescribeTopicDetail gave no status for topic ${t.name} of ${id}; it is counted as not healthy`,
      });
    }
  }
  return topics;
}

async function readOutOfSync(calls: PreflightCalls, id: string, topics: readonly TopicFact[], errors: FactError[], signal: AbortSignal): Promise<OutOfSyncFact[]> {
  const candidates = topics.filter(needsSyncCheck);
  const settled = await mapWithConcurrency(
    candidates,
    syncFanOut(calls),
    async (topic) => {
      const partitions = await calls.readAllPages(
        'DescribeTopicSyncReplica',
        (Offset) => ({ InstanceId: id, TopicName: topic.name, Offset, Limit: PAGE_SIZE, OutOfSyncReplicaOnly: true }),
        (r) => r.Result?.TotalCount,
        (r) => r.Result?.TopicInSyncReplicaList,
        signal,
        `${id} topic ${topic.name}`,
      );
      return outOfSyncFact(topic.name, outOfSyncPartitions(partitions));
    },
    signal,
  );
  const found = settled.flatMap((s) => (s.ok && s.value !== undefined ? [s.value] : []));
  const failures = settled.flatMap((s) => (s.ok ? [] : [s.error]));
  if (failures.length === 0) return found;
  const first = calls.asCloudError(failures[0], 'DescribeTopicSyncReplica', signal, id);
  const summary = `${failures.length} of ${candidates.length} topics of ${id} could not be checked for out-of-sync replicas (first: ${first.message})`;
  // Out-of-sync replicas found elsewhere already fail the check; an unchecked rest cannot pass it.
  if (found.length > 0) {
    errors.push({ what: 'preflight', fact: 'outOfSync', code: first.code, message: summary });
    return found;
  }
  throw new CloudError(first.kind, first.code, summary, first.action, first.requestId, first.httpCode);
}
