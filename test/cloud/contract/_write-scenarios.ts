/** Contract scenarios that write: spec changes, a retimed rebalance, creates and deletes, and what each leaves in the ledger. */
import type { ObservedInstance } from '../../../src/spec/observed';
import { EVENTS_UP, NEW_POSTPAID, NEW_PREPAID, ORDERS_UP, PAYMENTS_UP, SCHEDULED_AT, VPC_PARAMS } from './_expected';
import { DAY, HOUR, IDS, MINUTE, T0, settle } from './_fronts';
import { ledger, scenario, sorted, type Scenario } from './_scenario';

export const WRITE_SCENARIOS: readonly Scenario[] = [
  scenario({
    name: 'submitSpecChange: prepaid, postpaid stable and high-speed; status 7 with the old spec, then 1 with the new one',
    run: async (front) => {
      const ids = sorted([IDS.orders, IDS.payments, IDS.pulumiEvents]);
      const look = async () =>
        (await front.cloud.describeInstances({ ids })).map((o) => ({ id: o.instanceId, status: o.status, statusCode: o.statusCode, spec: [o.bandwidthMBps, o.diskGB, o.partitions], endpoints: o.endpoints }));
      const results = [await front.cloud.submitSpecChange(ORDERS_UP), await front.cloud.submitSpecChange(PAYMENTS_UP), await front.cloud.submitSpecChange(EVENTS_UP)];
      const submitted = await look();
      front.clock.advance(2 * MINUTE);
      const after2m = await look();
      front.clock.advance(4 * HOUR);
      const after4h = await look();
      front.clock.advance(20 * HOUR);
      const after24h = await look();
      return { results, submitted, after2m, after4h, after24h, ledger: ledger(front) };
    },
    check: (r) => {
      expect(r.results).toStrictEqual([
        { requestId: expect.any(String), reference: expect.any(String), acceptedBy: 'response' },
        { requestId: expect.any(String), reference: expect.any(String), acceptedBy: 'response' },
        { requestId: expect.any(String), reference: expect.any(String), acceptedBy: 'response' },
      ]);
      const summary = (rows: Array<{ id: string; statusCode: number; spec: number[] }>) => Object.fromEntries(rows.map((x) => [x.id, [x.statusCode, ...x.spec]]));
      // Upgrading (7) shows the old spec: the new values appear only when the change completes.
      expect(summary(r.submitted)).toEqual({ [IDS.orders]: [7, 200, 3000, 1400], [IDS.payments]: [7, 120, 2000, 1200], [IDS.pulumiEvents]: [7, 120, 2000, 1200] });
      // In place: 90 s.
      expect(summary(r.after2m)).toEqual({ [IDS.orders]: [1, 300, 3000, 1600], [IDS.payments]: [7, 120, 2000, 1200], [IDS.pulumiEvents]: [7, 120, 2000, 1200] });
      // High-speed (400 GB) is done within 4 h; stable (900 GB at 24 MB/s) is not.
      expect(summary(r.after4h)).toEqual({ [IDS.orders]: [1, 300, 3000, 1600], [IDS.payments]: [7, 120, 2000, 1200], [IDS.pulumiEvents]: [1, 160, 2000, 1200] });
      expect(summary(r.after24h)).toEqual({ [IDS.orders]: [1, 300, 3000, 1600], [IDS.payments]: [1, 160, 2000, 1200], [IDS.pulumiEvents]: [1, 160, 2000, 1200] });
      expect(r.after24h.map((x) => x.status)).toEqual(['running', 'running', 'running']);
      // A migration keeps the VIP and changes the port; an in-place change keeps both.
      const endpoints = Object.fromEntries(r.after24h.map((x) => [x.id, x.endpoints]));
      expect(endpoints[IDS.orders]).toEqual([{ vip: '10.0.11.10', vport: '9092' }]);
      expect(endpoints[IDS.payments]).toEqual([{ vip: '10.0.12.10', vport: expect.not.stringMatching(/^9092$/) }]);
      // Exactly one accepted write per change, all three values in MB/s, the mode as UpgradeStrategy.
      expect(r.ledger).toStrictEqual([
        { at: T0.toISOString(), action: 'ModifyInstancePre', instanceId: IDS.orders, params: { InstanceId: IDS.orders, BandWidth: 300, DiskSize: 3000, Partition: 1600 } },
        { at: T0.toISOString(), action: 'InstanceScalingDown', instanceId: IDS.payments, params: { InstanceId: IDS.payments, BandWidth: 160, DiskSize: 2000, Partition: 1200, UpgradeStrategy: 1 } },
        { at: T0.toISOString(), action: 'InstanceScalingDown', instanceId: IDS.pulumiEvents, params: { InstanceId: IDS.pulumiEvents, BandWidth: 160, DiskSize: 2000, Partition: 1200, UpgradeStrategy: 2 } },
      ]);
    },
  } as Scenario<{
    results: unknown[];
    submitted: Array<{ id: string; status: string; statusCode: number; spec: number[]; endpoints: unknown }>;
    after2m: Array<{ id: string; status: string; statusCode: number; spec: number[]; endpoints: unknown }>;
    after4h: Array<{ id: string; status: string; statusCode: number; spec: number[]; endpoints: unknown }>;
    after24h: Array<{ id: string; status: string; statusCode: number; spec: number[]; endpoints: unknown }>;
    ledger: unknown[];
  }>),

  scenario({
    name: 'retimeRebalance moves a scheduled change; the change starts at the new time; a busy refusal meanwhile',
    run: async (front) => {
      await front.em.scheduleChange({ instanceId: IDS.payments, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: SCHEDULED_AT });
      const look = async () => {
        const [o] = await front.cloud.describeInstances({ ids: [IDS.payments] });
        return { statusCode: o?.statusCode, rebalanceAt: o?.rebalanceAt ?? null };
      };
      const scheduled = await look();
      const later = new Date(T0.getTime() + 2 * DAY + HOUR + 999); // sub-second part: RebalanceTime is whole seconds
      const retimed = await settle(front.cloud.retimeRebalance(IDS.payments, later));
      const moved = await look();
      const inUse = await settle(front.cloud.submitSpecChange(PAYMENTS_UP));
      front.clock.advance(2 * DAY);
      const beforeNewTime = await look();
      front.clock.advance(HOUR + MINUTE);
      const started = await look();
      const tooLate = await settle(front.cloud.retimeRebalance(IDS.payments, new Date(T0.getTime() + 3 * DAY)));
      return { scheduled, retimed: retimed ?? null, moved, inUse, beforeNewTime, started, tooLate, ledger: ledger(front) };
    },
    check: (r) =>
      expect(r).toStrictEqual({
        scheduled: { statusCode: 1, rebalanceAt: SCHEDULED_AT.toISOString() },
        retimed: null,
        moved: { statusCode: 1, rebalanceAt: new Date(T0.getTime() + 2 * DAY + HOUR).toISOString() },
        // The spec-change actions list no ResourceInUse (their Go SDK error lists).
        inUse: { error: { kind: 'other', code: 'FailedOperation' } },
        beforeNewTime: { statusCode: 1, rebalanceAt: new Date(T0.getTime() + 2 * DAY + HOUR).toISOString() },
        // The API keeps the task's time once it has started; within the uncertainty of its zone
        // (8 hours) the adapter still reports it, since it may not have come yet.
        started: { statusCode: 7, rebalanceAt: new Date(T0.getTime() + 2 * DAY + HOUR).toISOString() },
        // Nothing is scheduled any more: the task is running.
        tooLate: { error: { kind: 'other', code: 'FailedOperation' } },
        ledger: [
          {
            at: T0.toISOString(),
            action: 'ModifyInstanceAttributes',
            instanceId: IDS.payments,
            params: { InstanceId: IDS.payments, RebalanceTime: Math.floor((T0.getTime() + 2 * DAY + HOUR) / 1000) },
          },
        ],
      }),
  }),

  scenario({
    name: 'createInstance / deleteInstance: creating (0), running (1), deleting (2), gone',
    run: async (front) => {
      const created = [await front.cloud.createInstance(NEW_POSTPAID), await front.cloud.createInstance(NEW_PREPAID)];
      const ids = sorted(created.map((c) => c.instanceId));
      const look = async () => front.cloud.describeInstances({ ids });
      const creating = await look();
      front.clock.advance(3 * MINUTE);
      const running = await look();
      const deletes = [
        await settle(front.cloud.deleteInstance(created[0]?.instanceId ?? '')),
        await settle(front.cloud.deleteInstance(created[1]?.instanceId ?? '')),
      ];
      const deleting = await look();
      front.clock.advance(2 * MINUTE);
      const gone = await look();
      // The ledger with every parameter: both adapters send the same requests (InstanceType 1 to
      // CreatePostPaidInstance too, as the SDK model asks of every instance but the
      // international site's Standard types).
      const writes = ledger(front);
      return { created, creating, running, deletes: deletes.map((d) => d ?? null), deleting: deleting.map((o) => o.statusCode), gone, ledger: writes };
    },
    check: (r) => {
      expect(r.created).toStrictEqual([
        { instanceId: expect.stringMatching(/^ckafka-[a-z0-9]{8}$/), requestId: expect.any(String) },
        { instanceId: expect.stringMatching(/^ckafka-[a-z0-9]{8}$/), requestId: expect.any(String) },
      ]);
      const [post, pre] = r.created.map((c) => c.instanceId);
      const creating = Object.fromEntries(r.creating.map((o) => [o.instanceId, o]));
      expect(creating[post as string]).toMatchObject({ name: 'contract-new', edition: 'pro', status: 'creating', statusCode: 0, bandwidthMBps: 40, diskGB: 500, partitions: 800, chargeType: 'POSTPAID_BY_HOUR', zoneId: 100004 });
      expect(creating[post as string]?.expiresAt).toBeUndefined();
      expect(creating[pre as string]).toMatchObject({
        name: 'contract-prepaid',
        edition: 'pro',
        instanceType: 'profession',
        statusCode: 0,
        bandwidthMBps: 60,
        partitions: 900,
        chargeType: 'PREPAID',
        diskType: 'CLOUD_SSD',
        kafkaVersion: '2.8.1',
        // Two months bought.
        expiresAt: '2026-05-02T02:00:00.000Z',
      });
      expect(r.running.map((o) => o.statusCode)).toEqual([1, 1]);
      expect(r.deletes).toEqual([null, null]);
      expect(r.deleting).toEqual([2, 2]);
      expect(r.gone).toEqual([]);
      const at = T0.toISOString();
      const later = new Date(T0.getTime() + 3 * MINUTE).toISOString();
      expect(r.ledger).toStrictEqual([
        {
          at,
          action: 'CreatePostPaidInstance',
          instanceId: post,
          params: { InstanceName: 'contract-new', ...VPC_PARAMS, InstanceType: 1, SpecificationsType: 'profession', BandWidth: 40, DiskSize: 500, Partition: 800, ZoneId: 100004 },
        },
        {
          at,
          action: 'CreateInstancePre',
          instanceId: pre,
          params: {
            InstanceName: 'contract-prepaid',
            ...VPC_PARAMS,
            ZoneId: 100003,
            Period: '2m',
            InstanceType: 1,
            SpecificationsType: 'profession',
            BandWidth: 60,
            DiskSize: 500,
            Partition: 900,
            DiskType: 'CLOUD_SSD',
            KafkaVersion: '2.8.1',
          },
        },
        { at: later, action: 'DeleteInstancePost', instanceId: post, params: { InstanceId: post } },
        { at: later, action: 'DeleteInstancePre', instanceId: pre, params: { InstanceId: pre } },
      ]);
    },
  } as Scenario<{
    created: Array<{ instanceId: string; requestId: string }>;
    creating: ObservedInstance[];
    running: ObservedInstance[];
    deletes: unknown[];
    deleting: number[];
    gone: ObservedInstance[];
    ledger: unknown[];
  }>),

  scenario({
    name: 'deleteInstance of an instance that does not exist counts as deleted',
    run: async (front) => ({ result: (await settle(front.cloud.deleteInstance('ckafka-00000000'))) ?? null, ledger: ledger(front) }),
    check: (r) => expect(r).toStrictEqual({ result: null, ledger: [] }),
  }),
];
