/** Deletions (status 2, then gone) and the flows a postpaid deletion returns (DescribeTaskStatus). */
import { ApiError } from '../api-error';
import { MIGRATION_MODEL } from '../migration-model';
import type { EmulatorState } from '../state-schema';
import { MS, msOf } from './_iso-time';
import { requireInstance } from './instance-lookups';
import { recordSubmission } from './ledger';
import type { OpContext } from './op-context';

/** DeleteInstancePost / DeleteInstancePre: status 2 (deleting), then gone. Returns the flow to poll. */
export function deleteInstance(state: EmulatorState, ctx: OpContext, instanceId: string, via: 'DeleteInstancePost' | 'DeleteInstancePre'): { flowId: number } {
  const inst = requireInstance(state, ctx.region, instanceId);
  if (via === 'DeleteInstancePost' && inst.chargeType !== 'POSTPAID_BY_HOUR') {
    throw new ApiError('InvalidParameterValue.WrongAction', `${instanceId} is prepaid: delete it with DeleteInstancePre`);
  }
  // DeleteInstancePre lists only FailedOperation and UnsupportedOperation (its Go SDK error list).
  if (via === 'DeleteInstancePre' && inst.chargeType !== 'PREPAID') {
    throw new ApiError('FailedOperation', `${instanceId} is postpaid: delete it with DeleteInstancePost`);
  }
  if (inst.status === 2) throw new ApiError('FailedOperation', `${instanceId} is already being deleted`);
  // The Terraform provider retries deletes on UnsupportedOperation: the cloud answers that while
  // an instance is busy.
  if (inst.status !== 1 && inst.status !== 5) {
    throw new ApiError('UnsupportedOperation', `${instanceId} is in status ${inst.status}; it can be deleted once running (1) or isolated (5)`);
  }
  inst.status = 2;
  inst.statusSince = ctx.now.toISOString();
  inst.pendingTask = null;
  state.counters.flows += 1;
  const flowId = state.counters.flows;
  state.flows.push({
    flowId,
    action: via,
    instanceId,
    startedAt: ctx.now.toISOString(),
    doneAt: new Date(ctx.now.getTime() + MIGRATION_MODEL.deleteSeconds * MS).toISOString(),
  });
  recordSubmission(state, ctx, via, instanceId, { InstanceId: instanceId });
  return { flowId };
}

/** DescribeTaskStatus: 0 success, 1 failed, 2 running. */
export function taskStatus(state: EmulatorState, flowId: number, now: Date): { status: 0 | 1 | 2; output: string } {
  if (flowId === 0) {
    throw new ApiError('InvalidParameterValue', 'FlowId 0 is what prepaid operations return and cannot be queried; poll the instance Status instead');
  }
  const flow = state.flows.find((f) => f.flowId === flowId);
  if (flow === undefined) throw new ApiError('InvalidParameterValue', `FlowId ${flowId} does not exist`);
  const done = msOf(flow.doneAt) <= now.getTime();
  return { status: done ? 0 : 2, output: done ? `${flow.action} ${flow.instanceId} done` : `${flow.action} ${flow.instanceId} in progress` };
}
