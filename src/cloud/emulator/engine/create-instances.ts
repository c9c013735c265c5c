/** Instances bought: checked by the shared provisioning rules, then created in status 0 (creating). */
import { CATALOG } from '../../../spec/catalog';
import type { ChargeType, Edition } from '../../../spec/types';
import { checkCreation } from '../../../spec/validate-provisioning';
import { ApiError, refuseByRules } from '../api-error';
import { MIGRATION_MODEL, capacityAfterMigration } from '../migration-model';
import { drawId, drawInt } from '../_seeded-random';
import type { EmulatorState } from '../state-schema';
import { nextDealName, recordSubmission } from './ledger';
import type { OpContext } from './op-context';
import { checkZoneStock, reserveZoneStock } from './zone-stock';

/** An instance to create, natural units. */
export interface CreateInput {
  readonly via: 'CreatePostPaidInstance' | 'CreateInstancePre';
  readonly name: string;
  readonly edition: Edition;
  readonly chargeType: ChargeType;
  readonly zoneId: number;
  readonly zoneIds?: readonly number[];
  /** `MultiZoneFlag`: `zoneIds` are the zones of a multi-zone instance. */
  readonly multiZone?: boolean;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly bandwidthMBps: number;
  readonly diskGB: number;
  readonly partitions: number;
  readonly diskType: string;
  readonly kafkaVersion: string;
  readonly msgRetentionMinutes: number;
  /** Prepaid: months bought. */
  readonly periodMonths?: number;
  readonly renewFlag?: 0 | 1 | 2;
  readonly instanceNum?: number;
  readonly publicNetworkMbps?: number;
  readonly tags?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** The request as sent, for the ledger. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** CreatePostPaidInstance / CreateInstancePre. The instances start in status 0 (creating). */
export function createInstances(state: EmulatorState, ctx: OpContext, input: CreateInput): { instanceIds: string[]; dealNames: string[] } {
  // The rules every front end runs before a create (Pro only, billing, period, disk type, Kafka
  // version, network ids, the spec on the sale step), answered with the codes the actions list.
  refuseByRules(
    checkCreation({
      edition: input.edition,
      chargeType: input.chargeType,
      bandwidthMBps: input.bandwidthMBps,
      diskGB: input.diskGB,
      partitions: input.partitions,
      periodMonths: input.periodMonths,
      diskType: input.diskType,
      kafkaVersion: input.kafkaVersion,
      zoneId: input.zoneId,
      zoneIds: input.multiZone === true ? (input.zoneIds ?? []) : undefined,
      vpcId: input.vpcId,
      subnetId: input.subnetId,
    }),
  );
  if (input.name.length === 0 || input.name.length > 128) throw new ApiError('InvalidParameterValue', `InstanceName must be 1 to 128 characters, got ${input.name.length}`);
  const zones = state.region === ctx.region ? state.zones : [];
  const zone = zones.find((z) => z.zoneId === input.zoneId);
  if (zone === undefined) {
    throw new ApiError('InvalidParameterValue.ZoneNotSupport', `zone ${input.zoneId} is not a CKafka zone of ${ctx.region}; zones: ${zones.map((z) => z.zoneId).join(', ') || 'none'}`);
  }
  const zoneIds = input.zoneIds !== undefined && input.zoneIds.length > 0 ? [...input.zoneIds] : [input.zoneId];
  if (!zoneIds.includes(input.zoneId)) throw new ApiError('InvalidParameterValue', `ZoneIds ${JSON.stringify(zoneIds)} must include ZoneId ${input.zoneId}`);
  for (const z of zoneIds) if (!zones.some((x) => x.zoneId === z)) throw new ApiError('InvalidParameterValue.ZoneNotSupport', `zone ${z} is not a CKafka zone of ${ctx.region}`);
  const target = { bandwidthMBps: input.bandwidthMBps, diskGB: input.diskGB, partitions: input.partitions };
  const num = input.instanceNum ?? 1;
  if (!(Number.isInteger(num) && num >= 1 && num <= 20)) throw new ApiError('InvalidParameterValue', `InstanceNum ${num} is out of range: 1 to 20`);
  checkZoneStock(state, input.zoneId, input.diskGB * num, input.via === 'CreateInstancePre' ? 'ResourceInsufficient' : 'FailedOperation');
  reserveZoneStock(state, input.zoneId, input.diskGB * num);

  const now = ctx.now.toISOString();
  const instanceIds: string[] = [];
  const dealNames: string[] = [];
  for (let k = 0; k < num; k++) {
    let instanceId: string;
    do {
      state.counters.instances += 1;
      instanceId = `ckafka-${drawId(state.faults.seed, 'instance', state.counters.instances, 8)}`;
    } while (state.instances.some((i) => i.instanceId === instanceId));
    state.counters.routes += 1;
    const routeId = state.counters.routes;
    const expire =
      input.chargeType === 'PREPAID'
        ? new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + (input.periodMonths ?? 1), ctx.now.getUTCDate(), ctx.now.getUTCHours(), ctx.now.getUTCMinutes(), ctx.now.getUTCSeconds())).toISOString()
        : null;
    state.instances.push({
      instanceId,
      // ASSUMED suffix format when several are bought at once.
      name: num === 1 ? input.name : `${input.name}-${k + 1}`,
      instanceType: CATALOG[input.edition].priceInstanceType,
      chargeType: input.chargeType,
      zoneId: input.zoneId,
      zoneIds,
      vpcId: input.vpcId,
      subnetId: input.subnetId,
      createTime: now,
      expireTime: expire,
      renewFlag: input.renewFlag ?? 0,
      status: 0,
      statusSince: now,
      healthy: 1,
      bandwidthMBps: input.bandwidthMBps,
      diskGB: input.diskGB,
      diskType: input.diskType,
      partitions: input.partitions,
      kafkaVersion: input.kafkaVersion,
      maxMessageBytes: MIGRATION_MODEL.newBrokerMaxMessageBytes,
      msgRetentionMinutes: input.msgRetentionMinutes,
      produceMBps: 0,
      publicNetworkMbps: input.publicNetworkMbps ?? 3,
      tags: (input.tags ?? []).map((x) => ({ key: x.key, value: x.value })),
      capacity: capacityAfterMigration(input.edition, target),
      routes: [
        {
          routeId,
          accessType: 0,
          vipType: 3,
          vip: `10.${drawInt(state.faults.seed, 'vip', routeId, 200) + 20}.${drawInt(state.faults.seed, 'vip2', routeId, 250) + 1}.${drawInt(state.faults.seed, 'vip3', routeId, 250) + 2}`,
          vport: '9092',
          status: 2,
          vpcId: input.vpcId,
          subnetId: input.subnetId,
        },
      ],
      topics: [],
      task: null,
      pendingTask: null,
      failures: { brokerAddressUpdateFails: false },
      migrations: 0,
    });
    instanceIds.push(instanceId);
    dealNames.push(nextDealName(state, ctx.now));
  }
  recordSubmission(state, ctx, input.via, instanceIds[0] ?? null, { ...input.params });
  return { instanceIds, dealNames };
}
