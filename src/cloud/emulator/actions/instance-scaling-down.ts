/** The action InstanceScalingDown: its request parameters and its handler. */
import { ApiError } from '../api-error';
import { submitSpecChange } from '../engine/submit-spec-change';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';
import { specChangeInputNumbers } from './write-requests';

/** The parameters of InstanceScalingDown (its Request interface in ckafka_models.d.ts). */
const PARAMS = {
  InstanceId: { type: 'string', required: true },
  UpgradeStrategy: { type: 'integer', required: true },
  DiskSize: { type: 'integer' },
  BandWidth: { type: 'integer' },
  Partition: { type: 'integer' },
} as const satisfies ParamSpec;

/** A spec change of a postpaid instance, with its UpgradeStrategy. */
export const instanceScalingDown = defineWireAction(PARAMS, { write: true }, (state, ctx, p) => {
  if (p.UpgradeStrategy !== 1 && p.UpgradeStrategy !== 2) {
    throw new ApiError('InvalidParameterValue', `UpgradeStrategy ${p.UpgradeStrategy} is not valid; use 1 (stable) or 2 (high-speed)`);
  }
  const out = submitSpecChange(state, ctx, {
    instanceId: p.InstanceId,
    via: 'InstanceScalingDown',
    mode: p.UpgradeStrategy === 2 ? 'high-speed' : 'stable',
    ...specChangeInputNumbers(p),
  });
  return { Result: { DealNames: out.dealNames } };
});
