/** The action DescribeTopicDetail: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { requireInstance } from '../engine/instance-lookups';
import type { TopicState } from '../state-schema';
import type { ParamSpec } from '../_wire-params';
import { checkPaging } from './check-paging';
import { FILTER } from './param-types';
import { toTopicDetail } from './response-shapes';
import { defineWireAction } from './wire-action';

/** The parameters of DescribeTopicDetail (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  SearchWord: { type: 'string' },
  Offset: { type: 'integer' },
  Limit: { type: 'integer' },
  AclRuleName: { type: 'string' },
  OrderBy: { type: 'string' },
  OrderType: { type: 'integer' },
  Filters: { type: { array: FILTER } },
  SearchWordIgnoreCaseFlag: { type: 'boolean' },
} as const satisfies ParamSpec;

/** An instance's topics, searched, filtered by replica count, sorted and paged. */
export const describeTopicDetail = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const inst = requireInstance(state, ctx.region, p.InstanceId);
  // No maximum: the SDK asks only Limit > 0 (取值要大于0), and the Terraform provider pages with 200.
  const { offset, limit } = checkPaging(p.Offset, p.Limit, { limit: 20 });
  let topics = [...inst.topics];
  if (p.SearchWord !== undefined && p.SearchWord !== '') {
    const ignoreCase = p.SearchWordIgnoreCaseFlag === true;
    const w = ignoreCase ? p.SearchWord.toLowerCase() : p.SearchWord;
    topics = topics.filter((tp) => (ignoreCase ? tp.name.toLowerCase() : tp.name).includes(w));
  }
  for (const f of p.Filters ?? []) {
    if (f.Name !== 'ReplicaNum') throw new ApiError('InvalidParameterValue', `filter name ${JSON.stringify(f.Name)} is not supported; use ReplicaNum`);
    topics = topics.filter((tp) => f.Values.includes(String(tp.replicas)));
  }
  const orderBy = p.OrderBy;
  if (orderBy !== undefined && orderBy !== 'PartitionNum' && orderBy !== 'CreateTime') {
    throw new ApiError('InvalidParameterValue', `OrderBy ${JSON.stringify(orderBy)} is not supported; use PartitionNum or CreateTime`);
  }
  if (p.OrderType !== undefined && p.OrderType !== 0 && p.OrderType !== 1) throw new ApiError('InvalidParameterValue', `OrderType ${p.OrderType} must be 0 (ascending) or 1 (descending)`);
  // Without OrderBy the API sorts by creation time, newest first.
  const descending = orderBy === undefined ? true : p.OrderType === 1;
  const key = (tp: TopicState): number => (orderBy === 'PartitionNum' ? tp.partitions : Date.parse(tp.createTime));
  topics.sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)) || a.name.localeCompare(b.name));
  return { Result: { TopicList: topics.slice(offset, offset + limit).map((tp) => toTopicDetail(inst, tp)), TotalCount: topics.length } };
});
