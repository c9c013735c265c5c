/** The action DeleteInstancePost: its request parameters and its handler. */
import { deleteInstance } from '../engine/delete-instance';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';

/** The parameters of DeleteInstancePost (its Request interface in ckafka_models.d.ts). */
const PARAMS = { InstanceId: { type: 'string', required: true } } as const satisfies ParamSpec;

/** Deletes a postpaid instance; the flow it returns can be polled. */
export const deleteInstancePost = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  return { Result: { FlowId: deleteInstance(state, ctx, p.InstanceId, 'DeleteInstancePost').flowId } };
});
