/** The action DescribeRoute: its request parameters and its handler. */
import { requireInstance } from '../engine/instance-lookups';
import type { ParamSpec } from '../_wire-params';
import { toRoute } from './response-shapes';
import { defineWireAction } from './wire-action';

/** The parameters of DescribeRoute (its Request interface in ckafka_models.d.ts). */
const PARAMS = { InstanceId: { type: 'string', required: true }, RouteId: { type: 'integer' }, MainRouteFlag: { type: 'boolean' } } as const satisfies ParamSpec;

/** An instance's access routes, with the brokers' addresses behind each. */
export const describeRoute = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const inst = requireInstance(state, ctx.region, p.InstanceId);
  const routes = p.RouteId === undefined ? inst.routes : inst.routes.filter((r) => r.routeId === p.RouteId);
  return { Result: { Routers: routes.map((r) => toRoute(inst, r)) } };
});
