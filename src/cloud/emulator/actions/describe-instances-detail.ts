/** The action DescribeInstancesDetail: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { instancesIn } from '../engine/instance-lookups';
import type { InstanceState } from '../state-schema';
import type { ParamSpec } from '../_wire-params';
import { checkPaging } from './check-paging';
import { FILTER, TAG } from './param-types';
import { toInstanceDetail } from './response-shapes';
import { defineWireAction } from './wire-action';

/** The parameters of DescribeInstancesDetail (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string' },
  SearchWord: { type: 'string' },
  Status: { type: { array: 'integer' } },
  Offset: { type: 'integer' },
  Limit: { type: 'integer' },
  TagKey: { type: 'string' },
  Filters: { type: { array: FILTER } },
  InstanceIds: { type: 'string' },
  InstanceIdList: { type: { array: 'string' } },
  TagList: { type: { array: TAG } },
} as const satisfies ParamSpec;

/** The instances of the region, filtered and paged (at most 20 a page). */
export const describeInstancesDetail = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const { offset, limit } = checkPaging(p.Offset, p.Limit, { limit: 10, max: 20 });
  let list = instancesIn(state, ctx.region);
  if (p.InstanceId !== undefined) list = list.filter((i) => i.instanceId === p.InstanceId);
  const ids = p.InstanceIdList ?? (p.InstanceIds !== undefined ? p.InstanceIds.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined);
  if (ids !== undefined && ids.length > 0) list = list.filter((i) => ids.includes(i.instanceId));
  if (p.SearchWord !== undefined && p.SearchWord !== '') {
    const w = p.SearchWord.toLowerCase();
    list = list.filter((i) => [i.name, i.instanceId, String(i.zoneId), i.vpcId, i.subnetId].some((f) => f.toLowerCase().includes(w)));
  }
  if (p.Status !== undefined && p.Status.length > 0) {
    const wanted = p.Status;
    list = list.filter((i) => wanted.includes(i.status));
  }
  if (p.TagKey !== undefined) list = list.filter((i) => i.tags.some((x) => x.key === p.TagKey));
  for (const tag of p.TagList ?? []) list = list.filter((i) => i.tags.some((x) => x.key === tag.TagKey && x.value === tag.TagValue));
  for (const f of p.Filters ?? []) {
    if (f.Values.length > 10) throw new ApiError('InvalidParameterValue', `filter ${f.Name} has ${f.Values.length} values; at most 10 are allowed`);
    const match: Record<string, (i: InstanceState) => boolean> = {
      Ip: (i) => i.routes.some((r) => f.Values.includes(r.vip)),
      VpcId: (i) => f.Values.includes(i.vpcId),
      SubNetId: (i) => f.Values.includes(i.subnetId),
      InstanceType: (i) => f.Values.includes(i.instanceType),
      InstanceId: (i) => f.Values.includes(i.instanceId),
    };
    const fn = match[f.Name];
    if (fn === undefined) throw new ApiError('InvalidParameterValue', `filter name ${JSON.stringify(f.Name)} is not supported; use Ip, VpcId, SubNetId, InstanceType or InstanceId`);
    list = list.filter(fn);
  }
  return { Result: { TotalCount: list.length, InstanceList: list.slice(offset, offset + limit).map(toInstanceDetail) } };
});
