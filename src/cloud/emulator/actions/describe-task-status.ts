/** The action DescribeTaskStatus: its request parameters and its handler. */
import { taskStatus } from '../engine/delete-instance';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';

/** The parameters of DescribeTaskStatus (its Request interface in ckafka_models.d.ts). */
const PARAMS = { FlowId: { type: 'integer', required: true } } as const satisfies ParamSpec;

/** The state of a flow a postpaid delete returned. */
export const describeTaskStatus = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  const s = taskStatus(state, p.FlowId, ctx.now);
  return { Result: { Status: s.status, Output: s.output } };
});
