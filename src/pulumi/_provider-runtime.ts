/**
 * What the `CkafkaProvider` methods do. It lives apart from the provider class so that Pulumi's
 * closure serialisation captures only the class (which loads this module by the package name at
 * run time) and never the core, the cloud adapters or a live client: see ckafka-provider.ts.
 *
 * diff = `planWithCloud` on a one-instance fleet (the same planner as `ckafka plan`);
 * update = `applyPlan` (the same orchestrator as `ckafka apply`), after a staleness check against
 * the state Pulumi last recorded.
 */
import type * as pulumi from '@pulumi/pulumi';
import { applyPlan, type ApplyOptions } from '../apply/apply-plan';
import { isOutcome, type ApplyEvent, type InstanceResult } from '../apply/apply-types';
import { planWithCloud } from '../apply/plan-with-cloud';
import { CloudError, type CkafkaCloud, type CreateInstanceRequest } from '../cloud/port';
import { describeDrift, sameSpec } from '../plan/spec-changes';
import type { Plan, PlannedInstance } from '../plan/types';
import { renderText } from '../render/render-text';
import { pulumiFixOf, pulumiRemedyWords } from './remedy-words';
import { endpointsKey, specOfObserved, type Endpoint, type ObservedInstance, type ObservedSpec } from '../spec/observed';
import type { SpecValues } from '../spec/types';
import { REPLACE_ON_CHANGE_KEYS, type CkafkaInstanceInputs, type DeletionPolicy } from './ckafka-instance-inputs';
import type { CkafkaInstanceState, CkafkaPlanSummary } from './ckafka-instance-state';
import type { CkafkaProviderLogger, CkafkaProviderOptions } from './ckafka-provider-options';
import { CkafkaProviderError, type PartialState } from './ckafka-provider-error';
import { checkInstanceInputs, formatInputIssue, PROVIDER_KEY, toCheckFailures, type ResolvedInputs } from './check-instance-inputs';
import { readProviderConfig, selectProviderCloud, type CkafkaProviderSettings, type ConfigReader } from './select-provider-cloud';
import { describePlannedInstance, summarizePlannedInstance } from './summarize-planned-instance';

/** What one provider instance hands to each operation. */
export interface ProviderContext {
  readonly options: CkafkaProviderOptions;
  /** Config (`ckafka:*`) under the explicit `options.settings`. */
  readonly settings: CkafkaProviderSettings;
  /** Shared by the operations of one provider instance: say which cloud is used once. */
  readonly announced: { done: boolean };
}

type Props = Record<string, unknown>;

/** The provider operations; `CkafkaProvider` delegates every method here. */
export interface ProviderRuntime {
  readProviderConfig(config: ConfigReader): CkafkaProviderSettings;
  check(ctx: ProviderContext, olds: CkafkaInstanceInputs, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.CheckResult<CkafkaInstanceInputs>>;
  diff(ctx: ProviderContext, id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.DiffResult>;
  create(ctx: ProviderContext, inputs: CkafkaInstanceInputs): Promise<pulumi.dynamic.CreateResult<CkafkaInstanceState>>;
  read(ctx: ProviderContext, id: string, props: CkafkaInstanceState | undefined): Promise<pulumi.dynamic.ReadResult<CkafkaInstanceState>>;
  update(ctx: ProviderContext, id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.UpdateResult<CkafkaInstanceState>>;
  delete(ctx: ProviderContext, id: string, props: CkafkaInstanceState): Promise<void>;
}

// What Pulumi hands over is whatever the state or the program holds, whatever the declared
// types say (older states, unknown values, extra keys): read it as an open record.
function open(x: object | undefined): Props {
  return (x ?? {}) as Props;
}

/** Output keys that never change in an update (a change of their input replaces the instance). */
const STABLES = ['instanceId', 'region', 'zoneId', 'vpcId', 'subnetId', 'chargeType', 'diskType', 'kafkaVersion', 'cloud'];
const DEFAULT_POLL_MS = 30_000;
const DEFAULT_CREATE_TIMEOUT_MINUTES = 30;
const DEFAULT_DELETE_TIMEOUT_MINUTES = 30;
const PROGRESS_EVERY_MS = 5 * 60_000;

function pulumiLogger(): CkafkaProviderLogger {
  // Loaded when first used: the provider also runs in direct tests and tools without an engine.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { log } = require('@pulumi/pulumi') as typeof import('@pulumi/pulumi');
  return { info: (m) => void log.info(m), warn: (m) => void log.warn(m) };
}

function loggerOf(ctx: ProviderContext): CkafkaProviderLogger {
  return ctx.options.logger ?? pulumiLogger();
}

function isRecord(x: unknown): x is Props {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(props: Props | undefined, key: string): string | undefined {
  const v = props?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Validated inputs, or the check failures as one error (`check` reports them first; this is a guard). */
function resolve(ctx: ProviderContext, inputs: Props): ResolvedInputs {
  const r = checkInstanceInputs(inputs, { now: ctx.options.now?.() ?? new Date() });
  if (r.value !== undefined) return r.value;
  if (r.unknown.length > 0) throw new CkafkaProviderError('spec/invalid-value', `inputs not known yet: ${r.unknown.join(', ')}`);
  throw CkafkaProviderError.fromIssues(r.issues, 'the inputs are not valid');
}

/** Runs `fn` with the cloud for this operation, and releases it after unless the caller owns it. */
async function withCloud<T>(ctx: ProviderContext, region: string | undefined, fn: (cloud: CkafkaCloud) => Promise<T>): Promise<T> {
  const given = ctx.options.cloud;
  if (given !== undefined && typeof given !== 'function') return fn(given);
  if (typeof given === 'function') {
    const cloud = await given();
    try {
      return await fn(cloud);
    } finally {
      await cloud.close();
    }
  }
  const selected = await selectProviderCloud(ctx.settings, {
    ...(ctx.options.env === undefined ? {} : { env: ctx.options.env }),
    ...(ctx.options.cwd === undefined ? {} : { cwd: ctx.options.cwd }),
    ...(region === undefined ? {} : { region }),
  });
  if (!ctx.announced.done) {
    ctx.announced.done = true;
    loggerOf(ctx).info(`ckafka: ${selected.description}`);
  }
  try {
    return await fn(selected.cloud);
  } finally {
    await selected.close();
  }
}

async function observe(cloud: CkafkaCloud, id: string, doing: string): Promise<ObservedInstance | undefined> {
  try {
    const [o] = await cloud.describeInstances({ ids: [id] });
    return o;
  } catch (e) {
    throw CkafkaProviderError.fromCloud(e, doing);
  }
}

/** The spec Pulumi last recorded (the outputs), when the state holds one. */
function specOfState(props: Props): ObservedSpec | undefined {
  const { edition, bandwidthMBps, diskGB, partitions } = props;
  if (typeof edition !== 'string' || typeof bandwidthMBps !== 'number' || (typeof diskGB !== 'number' && diskGB !== null) || typeof partitions !== 'number') return undefined;
  return { edition: edition as SpecValues['edition'], bandwidthMBps, diskGB, partitions };
}

function targetOf(r: ResolvedInputs): SpecValues {
  return { edition: r.desired.edition, bandwidthMBps: r.desired.bandwidthMBps, diskGB: r.desired.diskGB, partitions: r.desired.partitions };
}

/**
 * Why the cloud no longer matches the state Pulumi recorded, or `undefined`. Reaching the declared
 * target is not staleness: that is a change Pulumi left running (or deferred) finishing.
 */
function staleness(olds: Props, observed: ObservedInstance, target: SpecValues): string | undefined {
  const last = specOfState(olds);
  const now = specOfObserved(observed);
  if (last !== undefined && now !== undefined && !sameSpec(now, last) && !sameSpec(now, target)) return describeDrift(last, now, 'when Pulumi last saw it');
  const charge = str(olds, 'chargeType');
  if (charge !== undefined && charge !== observed.chargeType) return `its billing changed from ${charge} to ${observed.chargeType}`;
  return undefined;
}

/** The endpoints Pulumi recorded, whatever shape an older state gave them. */
function recordedEndpoints(endpoints: unknown): Endpoint[] {
  if (!Array.isArray(endpoints)) return [];
  return endpoints.map((e: unknown) => (isRecord(e) ? { vip: String(e.vip), vport: String(e.vport) } : { vip: '', vport: '' }));
}

/** Whether the recorded outputs no longer describe the instance (spec, status or endpoints). */
function outputsOutdated(olds: Props, observed: ObservedInstance): boolean {
  return !sameSpec(specOfState(olds), specOfObserved(observed)) || str(olds, 'status') !== observed.status || endpointsKey(recordedEndpoints(olds.endpoints)) !== endpointsKey(observed.endpoints);
}

function outputsOf(o: ObservedInstance, cloud: CkafkaCloud, deletionPolicy: DeletionPolicy, lastPlan: CkafkaPlanSummary | null): CkafkaInstanceState {
  const first = o.endpoints[0];
  return {
    instanceId: o.instanceId,
    name: o.name,
    edition: o.edition ?? o.instanceType,
    bandwidthMBps: o.bandwidthMBps,
    diskGB: o.diskGB,
    partitions: o.partitions,
    chargeType: o.chargeType,
    zoneId: o.zoneId,
    vpcId: o.vpcId,
    subnetId: o.subnetId,
    diskType: o.diskType,
    kafkaVersion: o.kafkaVersion,
    status: o.status,
    statusCode: o.statusCode,
    endpoints: o.endpoints.map((e) => ({ vip: e.vip, vport: e.vport })),
    vip: first?.vip ?? '',
    vport: first?.vport ?? '',
    expiresAt: o.expiresAt ?? null,
    rebalanceAt: o.rebalanceAt ?? null,
    region: cloud.region,
    cloud: cloud.kind,
    deletionPolicy,
    lastPlan,
  };
}

/** Outputs plus the serialized provider, for a partial failure (the host adds it only on success). */
function partial(id: string, outputs: Props, inputs: Props): PartialState {
  return { id, properties: { ...outputs, ...(inputs[PROVIDER_KEY] === undefined ? {} : { [PROVIDER_KEY]: inputs[PROVIDER_KEY] }) } };
}

/** The region an operation looks in: declared, else where the state says the instance is, else config. */
function regionFor(r: ResolvedInputs | undefined, olds: Props | undefined): string | undefined {
  return r?.provisioning.region ?? str(olds, 'region');
}

function checkRegion(r: ResolvedInputs, cloud: CkafkaCloud): void {
  const declared = r.provisioning.region;
  if (declared !== undefined && declared !== cloud.region)
    throw new CkafkaProviderError('apply/wrong-cloud', `${r.desired.name} is declared in ${declared}, but the cloud client is for ${cloud.region}`);
}

/** Declared provisioning keys that differ from what runs. */
function provisioningConflicts(r: ResolvedInputs, o: ObservedInstance): string[] {
  const observed: Record<string, unknown> = { zoneId: o.zoneId, vpcId: o.vpcId, subnetId: o.subnetId, chargeType: o.chargeType, diskType: o.diskType, kafkaVersion: o.kafkaVersion };
  return REPLACE_ON_CHANGE_KEYS.filter((k) => k !== 'region')
    .filter((k) => r.provisioning[k] !== undefined && r.provisioning[k] !== observed[k])
    .map((k) => `${k} is declared as ${JSON.stringify(r.provisioning[k])} but ${o.instanceId} has ${JSON.stringify(observed[k])}`);
}

function adoptConflictError(r: ResolvedInputs, conflicts: readonly string[]): CkafkaProviderError {
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
async function planOne(cloud: CkafkaCloud, id: string, r: ResolvedInputs): Promise<{ plan: Plan; p: PlannedInstance }> {
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
async function converge(ctx: ProviderContext, cloud: CkafkaCloud, id: string, r: ResolvedInputs, observed: ObservedInstance, inputs: Props): Promise<CkafkaInstanceState> {
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
    case 'running':
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

async function check(ctx: ProviderContext, _olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult<CkafkaInstanceInputs>> {
  const r = checkInstanceInputs(news, { now: ctx.options.now?.() ?? new Date() });
  const warnings = r.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0) {
    const log = loggerOf(ctx);
    for (const w of warnings) log.warn(`${str(news, 'name') ?? 'ckafka'}: ${w.path}: ${formatInputIssue(w)}`);
  }
  return { inputs: news as unknown as CkafkaInstanceInputs, failures: toCheckFailures(r.issues) };
}

async function diff(ctx: ProviderContext, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const log = loggerOf(ctx);
  const checked = checkInstanceInputs(news, { now: ctx.options.now?.() ?? new Date() });
  // A preview with inputs not known yet cannot be planned; `pulumi up` plans once they are.
  if (checked.unknown.length > 0) return { changes: true, stables: STABLES, deleteBeforeReplace: false };
  const r = resolve(ctx, news);
  const name = r.desired.name;

  const declaredId = r.desired.instanceId;
  if (declaredId !== undefined && declaredId !== id) {
    log.warn(`${name}: instanceId changed from ${id} to ${declaredId}: the resource is replaced: it adopts ${declaredId} and ${str(olds, 'deletionPolicy') === 'delete' ? 'deletes' : 'retains (deletionPolicy retain)'} ${id}`);
    return { changes: true, replaces: ['instanceId'], stables: STABLES, deleteBeforeReplace: false };
  }
  const changed = REPLACE_ON_CHANGE_KEYS.filter((k) => r.provisioning[k] !== undefined && olds[k] !== undefined && r.provisioning[k] !== olds[k]);
  if (changed.length > 0) {
    // An adopted instance cannot be replaced: creating again would adopt the same instance.
    if (declaredId !== undefined) throw adoptConflictError(r, changed.map((k) => `${k} is declared as ${JSON.stringify(r.provisioning[k])} but ${id} has ${JSON.stringify(olds[k])}`));
    const old = str(olds, 'deletionPolicy') === 'delete' ? `then deletes ${id} (deletionPolicy delete)` : `and retains ${id} (deletionPolicy retain): it keeps running and billing until you delete it`;
    log.warn(`${name}: ${changed.join(', ')} cannot change on a running instance: the resource is REPLACED. Pulumi creates a new, empty instance (data is not copied) ${old}`);
    return { changes: true, replaces: [...changed], stables: STABLES, deleteBeforeReplace: false };
  }

  return withCloud(ctx, regionFor(r, olds), async (cloud) => {
    checkRegion(r, cloud);
    const observed = await observe(cloud, id, `reading ${name}`);
    if (observed === undefined) {
      log.warn(`${name}: instance ${id} no longer exists in ${cloud.region}: run \`pulumi refresh\` to drop it from the state (the next \`pulumi up\` then creates or adopts one)`);
      return { changes: true, stables: STABLES, deleteBeforeReplace: false };
    }
    const stale = staleness(olds, observed, targetOf(r));
    if (stale !== undefined) log.warn(`${name}: ${id} was changed outside Pulumi (${stale}); \`pulumi up\` will refuse to apply until you run \`pulumi refresh\``);
    if (str(olds, 'name') !== undefined && observed.name !== name)
      log.warn(`${name}: the instance is named "${observed.name}" in the cloud; renaming is not supported through the API, so it keeps that name`);

    const { plan, p } = await planOne(cloud, id, r);
    if (p.action !== 'none') {
      log.info(renderText(plan, { remedyWords: pulumiRemedyWords }).trimEnd());
      for (const i of p.issues.filter((x) => x.severity === 'error')) log.warn(`${name}: ${formatInputIssue(i)}`);
      for (const c of p.checks.filter((x) => x.status === 'fail'))
        log.warn(`${name}: check ${c.id} fails: ${c.message}${r.behaviour.ignoreChecks.includes(c.id) ? ' (passed over: listed in ignoreChecks)' : `; the update will fail unless "${c.id}" is in ignoreChecks`}`);
      if (p.action !== 'blocked' && p.schedule.kind !== 'now' && p.schedule.startsAt !== null && Date.parse(p.schedule.startsAt) > Date.parse(plan.createdAt) && !r.behaviour.wait)
        log.info(`${name}: the change may start at ${p.schedule.startsAt}; before that \`pulumi up\` defers it: the update succeeds without it and the next \`pulumi up\` shows it again (set wait: true to wait instead)`);
    }
    // The upgrade policy, allowScaleDown, wait and ignoreChecks are not cloud settings: a change of
    // only those is no change. deletionPolicy is kept in the outputs (delete sees only them).
    const policyChanged = (str(olds, 'deletionPolicy') ?? 'retain') !== r.behaviour.deletionPolicy;
    const changes = p.action !== 'none' || policyChanged || outputsOutdated(olds, observed);
    return { changes, replaces: [], stables: STABLES, deleteBeforeReplace: false };
  });
}

async function waitForRunning(ctx: ProviderContext, cloud: CkafkaCloud, id: string, name: string, deletionPolicy: DeletionPolicy, inputs: Props): Promise<ObservedInstance> {
  const poll = ctx.options.pollIntervalMs ?? DEFAULT_POLL_MS;
  const timeoutMs = (ctx.options.createTimeoutMinutes ?? DEFAULT_CREATE_TIMEOUT_MINUTES) * 60_000;
  const started = cloud.clock.now().getTime();
  const bare = { instanceId: id, name, status: 'creating', deletionPolicy, region: cloud.region, cloud: cloud.kind, lastPlan: null };
  for (;;) {
    let o: ObservedInstance | undefined;
    try {
      o = await observe(cloud, id, `waiting for ${name} to run`);
    } catch (e) {
      throw CkafkaProviderError.fromCloud(e, `waiting for ${name} (${id}) to run`, partial(id, bare, inputs));
    }
    if (o?.status === 'running') return o;
    const state = o === undefined ? bare : outputsOf(o, cloud, deletionPolicy, null);
    if (o !== undefined && o.status !== 'creating')
      throw new CkafkaProviderError('apply/instance-not-running', `${name}: ${id} was created but is ${o.status} (status ${o.statusCode}), not running`, undefined, partial(id, state as Props, inputs));
    const elapsed = cloud.clock.now().getTime() - started;
    if (elapsed >= timeoutMs)
      throw new CkafkaProviderError(
        'apply/still-running',
        `${name}: ${id} was created but is not running after ${Math.round(elapsed / 60_000)} minutes; run \`pulumi refresh\` later to record it`,
        undefined,
        partial(id, state as Props, inputs),
      );
    await cloud.clock.sleep(poll);
  }
}

async function create(ctx: ProviderContext, inputs: Props): Promise<pulumi.dynamic.CreateResult<CkafkaInstanceState>> {
  const log = loggerOf(ctx);
  const r = resolve(ctx, inputs);
  const name = r.desired.name;
  return withCloud(ctx, regionFor(r, undefined), async (cloud) => {
    checkRegion(r, cloud);
    const adopt = r.desired.instanceId;
    if (adopt !== undefined) {
      const observed = await observe(cloud, adopt, `reading ${name}`);
      if (observed === undefined)
        throw new CkafkaProviderError('plan/instance-not-found', `${name}: instance ${adopt} was not found in ${cloud.region} (fix instanceId or the region, or remove instanceId to create a new instance)`);
      const conflicts = provisioningConflicts(r, observed);
      if (conflicts.length > 0) throw adoptConflictError(r, conflicts);
      log.info(`${name}: adopting ${adopt}`);
      if (observed.name !== name) log.warn(`${name}: the instance is named "${observed.name}" in the cloud; renaming is not supported through the API, so it keeps that name`);
      return { id: adopt, outs: await converge(ctx, cloud, adopt, r, observed, inputs) };
    }

    // A second instance with the same name would make every later lookup by name ambiguous, and is
    // usually a retry of a create whose answer was lost: refuse rather than buy another one.
    let existing: ObservedInstance[];
    try {
      existing = (await cloud.describeInstances({ all: true })).filter((o) => o.name === name);
    } catch (e) {
      throw CkafkaProviderError.fromCloud(e, `looking for instances named ${name}`);
    }
    if (existing.length > 0)
      throw new CkafkaProviderError(
        'spec/duplicate-name',
        `an instance named "${name}" already exists in ${cloud.region} (${existing.map((o) => o.instanceId).join(', ')}); set instanceId to adopt it, or choose another name`,
      );
    const p = r.provisioning;
    if (p.zoneId === undefined || p.vpcId === undefined || p.subnetId === undefined)
      throw new CkafkaProviderError('spec/missing-field', `${name}: zoneId, vpcId and subnetId are required to create an instance`);
    const chargeType = p.chargeType ?? 'PREPAID';
    const request: CreateInstanceRequest = {
      name,
      edition: r.desired.edition,
      bandwidthMBps: r.desired.bandwidthMBps,
      diskGB: r.desired.diskGB,
      partitions: r.desired.partitions,
      chargeType,
      zoneId: p.zoneId,
      vpcId: p.vpcId,
      subnetId: p.subnetId,
      ...(chargeType === 'PREPAID' ? { periodMonths: p.periodMonths ?? 1 } : {}),
      ...(p.diskType === undefined ? {} : { diskType: p.diskType }),
      ...(p.kafkaVersion === undefined ? {} : { kafkaVersion: p.kafkaVersion }),
    };
    const via = chargeType === 'PREPAID' ? 'CreateInstancePre' : 'CreatePostPaidInstance';
    log.info(`${name}: creating a ${r.desired.edition} instance (${r.desired.bandwidthMBps} MB/s, ${r.desired.diskGB} GB, ${r.desired.partitions} partitions, ${chargeType}) in zone ${p.zoneId} through ${via}`);
    let id: string;
    try {
      id = (await cloud.createInstance(request)).instanceId;
    } catch (e) {
      throw CkafkaProviderError.fromCloud(e, `creating ${name}`);
    }
    log.info(`${name}: created ${id}; waiting until it is running`);
    const observed = await waitForRunning(ctx, cloud, id, name, r.behaviour.deletionPolicy, inputs);
    const now = cloud.clock.now().toISOString();
    const lastPlan: CkafkaPlanSummary = {
      plannedAt: now,
      verdict: `create ${name}`,
      action: 'create',
      summary: `created ${id} through ${via}: ${r.desired.edition}, ${r.desired.bandwidthMBps} MB/s, ${r.desired.diskGB} GB, ${r.desired.partitions} partitions`,
      changes: [],
      migration: { required: false, estimatedSeconds: null, mode: null, modeSelectable: chargeType === 'POSTPAID_BY_HOUR' },
      schedule: { kind: 'now', startsAt: now, endsAt: null, note: 'created at once; the upgrade policy applies to later changes' },
      cost: null,
      checks: [],
      digest: null,
      outcome: 'created',
      message: `running since ${now}`,
    };
    log.info(`${name}: ${id} is running`);
    return { id, outs: outputsOf(observed, cloud, r.behaviour.deletionPolicy, lastPlan) };
  });
}

async function read(ctx: ProviderContext, id: string, props: Props | undefined): Promise<pulumi.dynamic.ReadResult<CkafkaInstanceState>> {
  return withCloud(ctx, str(props, 'region'), async (cloud) => {
    const o = await observe(cloud, id, `reading ${id}`);
    // An empty id tells Pulumi the instance is gone (refresh drops it from the state).
    if (o === undefined) return { id: '', props: {} as CkafkaInstanceState };
    const policy: DeletionPolicy = str(props, 'deletionPolicy') === 'delete' ? 'delete' : 'retain';
    const lastPlan = isRecord(props?.lastPlan) ? (props.lastPlan as unknown as CkafkaPlanSummary) : null;
    return { id, props: outputsOf(o, cloud, policy, lastPlan) };
  });
}

async function update(ctx: ProviderContext, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult<CkafkaInstanceState>> {
  const r = resolve(ctx, news);
  const name = r.desired.name;
  return withCloud(ctx, regionFor(r, olds), async (cloud) => {
    checkRegion(r, cloud);
    const observed = await observe(cloud, id, `reading ${name}`);
    if (observed === undefined)
      throw new CkafkaProviderError('plan/instance-not-found', `${name}: instance ${id} no longer exists in ${cloud.region}; run \`pulumi refresh\` to drop it from the state, then \`pulumi up\``);
    // As `ckafka apply` refuses a plan made against a state that moved, the update refuses when the
    // cloud moved away from what Pulumi recorded: the reviewed preview no longer describes it.
    const stale = staleness(olds, observed, targetOf(r));
    if (stale !== undefined)
      throw new CkafkaProviderError('apply/stale', `${name}: ${id} was changed outside Pulumi: ${stale}; run \`pulumi refresh\` to record what runs, review the new preview, then \`pulumi up\``);
    return { outs: await converge(ctx, cloud, id, r, observed, news) };
  });
}

async function remove(ctx: ProviderContext, id: string, props: Props): Promise<void> {
  const log = loggerOf(ctx);
  const name = str(props, 'name') ?? id;
  if (str(props, 'deletionPolicy') !== 'delete') {
    log.info(`${name}: retained ${id} (deletionPolicy retain): it keeps running and billing in the cloud; delete it in the console, or set deletionPolicy: "delete" and run \`pulumi up\` before removing the resource`);
    return;
  }
  await withCloud(ctx, str(props, 'region'), async (cloud) => {
    const o = await observe(cloud, id, `reading ${name}`);
    if (o === undefined) {
      log.info(`${name}: ${id} is already gone`);
      return;
    }
    try {
      await cloud.deleteInstance(id);
    } catch (e) {
      if (CloudError.isCloudError(e) && e.kind === 'not-found') return;
      throw CkafkaProviderError.fromCloud(e, `deleting ${name} (${id})`);
    }
    log.info(`${name}: deleting ${id}`);
    const poll = ctx.options.pollIntervalMs ?? DEFAULT_POLL_MS;
    const timeoutMs = (ctx.options.deleteTimeoutMinutes ?? DEFAULT_DELETE_TIMEOUT_MINUTES) * 60_000;
    const started = cloud.clock.now().getTime();
    for (;;) {
      await cloud.clock.sleep(poll);
      const now = await observe(cloud, id, `waiting for ${name} to be deleted`);
      // Prepaid instances may stop at isolated (the recycle bin) before they are released.
      if (now === undefined || now.status === 'deleted' || now.status === 'isolated') {
        log.info(`${name}: ${id} ${now === undefined ? 'deleted' : now.status}`);
        return;
      }
      if (now.status === 'delete-failed') throw new CkafkaProviderError('apply/submit-failed', `${name}: the cloud reports that deleting ${id} failed (status ${now.statusCode})`);
      if (cloud.clock.now().getTime() - started >= timeoutMs)
        throw new CkafkaProviderError('apply/still-running', `${name}: ${id} is still ${now.status} after ${Math.round(timeoutMs / 60_000)} minutes; run \`pulumi destroy\` again later`);
    }
  });
}

/** The operations behind `CkafkaProvider`. @internal */
export const providerRuntime: ProviderRuntime = {
  readProviderConfig,
  check: (ctx, olds, news) => check(ctx, open(olds), open(news)),
  diff: (ctx, id, olds, news) => diff(ctx, id, open(olds), open(news)),
  create: (ctx, inputs) => create(ctx, open(inputs)),
  read: (ctx, id, props) => read(ctx, id, props === undefined ? undefined : open(props)),
  update: (ctx, id, olds, news) => update(ctx, id, open(olds), open(news)),
  delete: (ctx, id, props) => remove(ctx, id, open(props)),
};
