/**
 * `create`: adopts `instanceId` (and converges it with update semantics), or creates an instance
 * through the port and waits until it runs.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { CkafkaCloud, CreateInstanceRequest } from '../../cloud/port';
import type { ObservedInstance } from '../../spec/observed';
import type { DeletionPolicy } from '../ckafka-instance-inputs';
import type { CkafkaInstanceState, CkafkaPlanSummary } from '../ckafka-instance-state';
import { CkafkaProviderError } from '../ckafka-provider-error';
import { checkRegion, DEFAULT_POLL_MS, loggerOf, observe, partial, regionFor, resolve, withCloud, type ProviderContext, type Props } from './context';
import { adoptConflictError, converge, provisioningConflicts } from './converge';
import { outputsOf } from './outputs';

const DEFAULT_CREATE_TIMEOUT_MINUTES = 30;

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

export async function create(ctx: ProviderContext, inputs: Props): Promise<pulumi.dynamic.CreateResult<CkafkaInstanceState>> {
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
