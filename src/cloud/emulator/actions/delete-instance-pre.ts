/** The action DeleteInstancePre: its request parameters and its handler. */
import { deleteInstance } from '../engine/delete-instance';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';

/** The parameters of DeleteInstancePre (its Request interface in ckafka_models.d.ts). */
const PARAMS = { InstanceId: { type: 'string', required: true } } as const satisfies ParamSpec;

/** Deletes a prepaid instance. */
export const deleteInstancePre = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  deleteInstance(state, ctx, p.InstanceId, 'DeleteInstancePre');
  return {
    Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: [], InstanceId: p.InstanceId, DealNameInstanceIdMapping: [] }, DeleteRouteTimestamp: null },
  };
});
