/** The action ModifyInstancePre: its request parameters and its handler. */
import { submitSpecChange } from '../engine/submit-spec-change';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';
import { specChangeInputNumbers } from './write-requests';

/** The parameters of ModifyInstancePre (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  DiskSize: { type: 'integer' },
  BandWidth: { type: 'integer' },
  Partition: { type: 'integer' },
} as const satisfies ParamSpec;

/** A spec change of a prepaid instance. */
export const modifyInstancePre = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  const out = submitSpecChange(state, ctx, { instanceId: p.InstanceId, via: 'ModifyInstancePre', ...specChangeInputNumbers(p) });
  return {
    Result: {
      ReturnCode: '0',
      ReturnMessage: 'ok',
      // FlowId is always 0 here and cannot be polled (SDK docs); poll the instance Status.
      Data: { FlowId: 0, DealNames: out.dealNames, InstanceId: p.InstanceId, DealNameInstanceIdMapping: [] },
      DeleteRouteTimestamp: null,
    },
  };
});
