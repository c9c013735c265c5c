/**
 * Planning one instance as `ckafka plan` does, and applying that plan as `ckafka apply` does:
 * shared by `diff` (the plan), `update` and `create` with an adopted instance (the apply).
 */
import { applyPlan, type ApplyOptions } from '../../apply/apply-plan';
import { isOutcome, type ApplyEvent, type InstanceResult } from '../../apply/apply-types';
import { planWithCloud } from '../../apply/plan-with-cloud';
import type { CkafkaCloud } from '../../cloud/port';
import type { Plan, PlannedInstance } from '../../plan/types';
import type { ObservedInstance } from '../../spec/observed';
import { REPLACE_ON_CHANGE_KEYS } from '../ckafka-instance-inputs';
import type { CkafkaInstanceState } from '../ckafka-instance-state';
import type { CkafkaProviderLogger } from '../ckafka-provider-options';
import { CkafkaProviderError } from '../ckafka-provider-error';
import type { ResolvedInputs } from '../check-instance-inputs';
import { pulumiFixOf } from '../remedy-words';
import { describePlannedInstance, summarizePlannedInstance } from '../summarize-planned-instance';
import { DEFAULT_POLL_MS, loggerOf, observe, partial, type ProviderContext, type Props } from './context';
import { outputsOf } from './outputs';

const PROGRESS_EVERY_MS = 5 * 60_000;

/** Declared provisioning keys that differ from what runs. */
export function provisioningConflicts(r: ResolvedInputs, o: ObservedInstance): string[] {
  const observed: Record<string, unknown> = { zoneId: o.zoneId, vpcId: o.vpcId, subnetId: o.subnetId, chargeType: o.chargeType, diskType: o.diskType, kafkaVersion: o.kafkaVersion };
  return REPLACE_ON_CHANGE_KEYS.filter((k) => k !== 'region')
    .filter((k) => r.provisioning[k] !== undefined && r.provisioning[k] !== observed[k])
    .map((k) => `${k} is declared as ${JSON.stringify(r.provisioning[k])} but ${o.instanceId} has ${JSON.stringify(observed[k])}`);
}

/** An adopted instance cannot move: creating again would adopt the same instance. */
export function adoptConflictError(r: ResolvedInputs, conflicts: readonly string[]): CkafkaProviderError {
  return new CkafkaProviderError(
    'plan/spec-change-unsupported',
    `${r.desired.name}: ${conflicts.join('; ')}; an existing instance cannot be moved or re-provisioned (fix or remove those inputs, or remove instanceId to create a new instance)`,
  );
}

/** Logs apply progress: state changes as they happen, and upgrade progress every few minutes of cloud time. */
function progressLogger(log: CkafkaProviderLogger): (e: ApplyEvent) => void {
  let lastProgress = Number.NEGATIVE_INFINITY;
  return (e) => {
    if (e.type === 'state') {
      // The outcome is reported once, with what it means for Pulumi, after apply returns.
      if (isOutcome(e.state) || e.state === 'observing') return;
      log.info(`${e.name}: ${e.state}: ${e.message}`);
    } else if (e.type === 'progress' && e.statusCode === 7) {
      const at = e.at.getTime();
      if (at - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = at;
      const eta = e.estimatedSeconds === null ? '' : ` of an estimated ${Math.round(e.estimatedSeconds / 60)} min`;
      log.info(`${e.name}: upgrading, ${Math.round(e.elapsedSeconds / 60)} min elapsed${eta}`);
    }
  };
}

/** The failing checks of an apply result, for a message that names how to accept each. */
function checkFailure(name: string, r: InstanceResult): CkafkaProviderError {
  const failing = (r.checks ?? []).filter((c) => c.status === 'fail' && !(r.ignoredChecks ?? []).includes(c.id));
  if (failing.length === 0) return CkafkaProviderError.fromIssues(r.issues, `${name}: ${r.message}`);
  const ids = failing.map((c) => c.id);
  return new CkafkaProviderError(
    'apply/check-failed',
    `${name}: pre-check failed: ${failing.map((c) => `${c.id}: ${c.message}${c.hint === undefined ? '' : ` (${c.hint})`}`).join('; ')}; nothing was submitted. Fix it, or add ${ids.map((id) => `"${id}"`).join(', ')} to ignoreChecks to accept the risk`,
  );
}

const NEXT_STEP: Readonly<Record<string, string>> = {
  'apply/manual-step': 'do that step in the console, then run `pulumi up` again',
  'apply/instance-not-running': 'wait until the instance is running, then run `pulumi up` again',
  'apply/stale': 'the instance changed while `pulumi up` ran: run `pulumi refresh`, then `pulumi up` again',
};

/** The plan of this one instance, as `ckafka plan` would make it (the diff and the update share it). */
export async function planOne(cloud: CkafkaCloud, id: string, r: ResolvedInputs): Promise<{ plan: Plan; p: PlannedInstance }> {
  let plan: Plan;
  try {
    plan = await planWithCloud({ region: cloud.region, instances: [{ ...r.desired, instanceId: id }] }, cloud, { now: cloud.clock.now() });
  } catch (e) {
    throw CkafkaProviderError.fromCloud(e, `planning ${r.desired.name}`);
  }
  return { plan, p: plan.instances[0] as PlannedInstance };
}

/**
 * Plans the declared spec against what runs and applies it with `ckafka apply`'s semantics
 * (window, mode, pre-checks, ignoreChecks, wait). Returns the outputs on success (done, deferred,
 * scheduled, nothing to do); throws otherwise, as a partial failure when the cloud may have changed.
 */
export async function converge(ctx: ProviderContext, cloud: CkafkaCloud, id: string, r: ResolvedInputs, observed: ObservedInstance, inputs: Props): Promise<CkafkaInstanceState> {
  const log = loggerOf(ctx);
  const name = r.desired.name;
  const { plan, p } = await planOne(cloud, id, r);
  if (p.action === 'none') {
    log.info(`${name} (${id}): the cloud matches the declared spec; nothing to apply`);
    return outputsOf(observed, cloud, r.behaviour.deletionPolicy, summarizePlannedInstance(plan, p, { outcome: 'unchanged', message: 'no change planned' }));
  }
  log.info(`applying: ${describePlannedInstance(p)}`);
  const options: ApplyOptions = {
    wait: r.behaviour.wait,
    maxWaitMs: r.behaviour.maxWaitMinutes * 60_000,
    ignoreChecks: r.behaviour.ignoreChecks,
    pollIntervalMs: ctx.options.pollIntervalMs ?? DEFAULT_POLL_MS,
    onEvent: progressLogger(log),
  };
  let result: Awaited<ReturnType<typeof applyPlan>>;
  try {
    result = await applyPlan(plan, cloud, options);
  } catch (e) {
    throw CkafkaProviderError.fromCloud(e, `applying the plan for ${name}`);
  }
  if (result.issues.length > 0) throw CkafkaProviderError.fromIssues(result.issues, `applying the plan for ${name} failed`);
  const ir = result.instances[0] as InstanceResult;
  // Outputs show what runs now, never the target: after a deferral the next diff shows the change again.
  const after = (await observe(cloud, id, `reading ${name} after applying`).catch(() => undefined)) ?? observed;
  const outs = outputsOf(after, cloud, r.behaviour.deletionPolicy, summarizePlannedInstance(plan, p, ir));
  if (ir.ignoredChecks !== undefined && ir.ignoredChecks.length > 0) log.warn(`${name}: failing checks passed over (ignoreChecks): ${ir.ignoredChecks.join(', ')}`);
  switch (ir.outcome) {
    case 'unchanged':
    case 'done':
      log.info(`${name} (${id}): ${ir.outcome}: ${ir.message}`);
      if (ir.endpointsChanged !== undefined) log.warn(`${name}: endpoints changed to ${outs.endpoints.map((e) => `${e.vip}:${e.vport}`).join(', ')}: allow the new ports in security groups`);
      return outs;
    case 'deferred':
      log.info(
        `${name} (${id}): deferred: ${ir.message}. Nothing was submitted; the outputs keep the observed spec, so the next \`pulumi up\` shows this change again` +
          (r.behaviour.wait ? '' : ' (set wait: true to wait for the window instead)'),
      );
      return outs;
    case 'scheduled':
      log.info(`${name} (${id}): ${ir.message}; run \`pulumi up\` again after it runs, to verify`);
      return outs;
    case 'blocked':
      throw checkFailure(name, ir);
    case 'refused': {
      const code = ir.issues[0]?.code ?? 'apply/stale';
      throw new CkafkaProviderError(code, `${name}: ${ir.message}; ${NEXT_STEP[code] ?? 'run `pulumi up` again'}`);
    }
    // The provider follows every change (`in-progress` comes only from an apply that does not).
    case 'running':
    case 'in-progress':
      throw new CkafkaProviderError(
        ir.issues[0]?.code ?? 'apply/still-running',
        `${name}: ${ir.message}; the outputs record what the cloud shows; run \`pulumi up\` again to keep following it`,
        undefined,
        partial(id, outs as unknown as Props, inputs),
      );
    case 'failed':
    case 'skipped':
      throw new CkafkaProviderError(
        ir.issues[0]?.code ?? 'apply/submit-failed',
        `${name}: ${ir.message}${ir.issues[0] === undefined || pulumiFixOf(ir.issues[0]) === undefined ? '' : ` (${pulumiFixOf(ir.issues[0]) ?? ''})`}`,
        undefined,
        partial(id, outs as unknown as Props, inputs),
      );
  }
}
