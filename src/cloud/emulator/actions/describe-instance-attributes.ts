/** The action DescribeInstanceAttributes: its request parameters and its handler. */
import { requireInstance } from '../engine/instance-lookups';
import type { ParamSpec } from '../_wire-params';
import { toInstanceAttributes } from './response-shapes';
import { defineWireAction } from './wire-action';

/** The parameters of DescribeInstanceAttributes (its Request interface in ckafka_models.d.ts). */
const PARAMS = { InstanceId: { type: 'string', required: true } } as const satisfies ParamSpec;

/** One instance's attributes (MaxMessageByte, remaining partitions and topics, billing). */
export const describeInstanceAttributes = defineWireAction(PARAMS, { write: false }, (state, ctx, p) => {
  return { Result: toInstanceAttributes(requireInstance(state, ctx.region, p.InstanceId)) };
});
