/** The dynamic provider's create (adopt or order), read and delete, called directly against the emulator (_provider-harness.ts). */
import type { CkafkaInstanceState } from '../../src/pulumi';
import { ORDERS, adopt, failure, harness, instance, newInputs, ordersInputs } from './_provider-harness';

describe('create', () => {
  it('adopts an existing instance and converges it with update semantics', async () => {
    const h = harness();
    const r = await h.provider.create(ordersInputs({ bandwidthMBps: 300, partitions: 1600 }));
    expect(r.id).toBe(ORDERS);
    expect(r.outs).toMatchObject({ instanceId: ORDERS, name: 'orders', bandwidthMBps: 300, partitions: 1600, status: 'running', chargeType: 'PREPAID', cloud: 'emulator', region: 'ap-guangzhou', deletionPolicy: 'retain' });
    expect(r.outs?.lastPlan).toMatchObject({ action: 'upgrade', outcome: 'done', migration: { required: false } });
    expect(h.text('info')).toContain('orders: adopting ckafka-9x2kq7pe');
    expect(h.em.snapshot().submissions.map((s) => s.action)).toEqual(['ModifyInstancePre']);
  });

  it('fails on an instance id that does not exist', async () => {
    const h = harness();
    const e = await failure(h.provider.create(ordersInputs({ instanceId: 'ckafka-nothere0' })));
    expect(e.code).toBe('plan/instance-not-found');
  });

  it('creates an instance through the port and waits until it runs', async () => {
    const h = harness();
    const r = await h.provider.create(newInputs());
    expect(r.id).toMatch(/^ckafka-[a-z0-9]{8}$/);
    expect(r.outs).toMatchObject({ instanceId: r.id, name: 'pulumi-fresh', edition: 'pro', bandwidthMBps: 40, diskGB: 500, partitions: 800, chargeType: 'POSTPAID_BY_HOUR', zoneId: 100003, status: 'running', statusCode: 1 });
    expect(r.outs?.vip).toMatch(/^10\./);
    expect(r.outs?.endpoints).toHaveLength(1);
    expect(r.outs?.lastPlan).toMatchObject({ action: 'create', outcome: 'created' });
    expect(h.em.snapshot().submissions.map((s) => s.action)).toEqual(['CreatePostPaidInstance']);
    expect(instance(h.em, r.id)?.status).toBe(1);
  });

  it('buys a prepaid instance with CreateInstancePre for the declared period', async () => {
    const h = harness();
    const r = await h.provider.create(newInputs({ chargeType: 'PREPAID', periodMonths: 12 }));
    expect(h.em.snapshot().submissions.map((s) => [s.action, s.params.Period])).toEqual([['CreateInstancePre', '12m']]);
    expect(r.outs?.expiresAt).toBe('2027-03-02T02:00:00.000Z');
  });

  it('refuses a second instance with the same name', async () => {
    const h = harness();
    const e = await failure(h.provider.create(newInputs({ name: 'payments' })));
    expect(e.code).toBe('spec/duplicate-name');
    expect(e.message).toContain(`set instanceId to adopt it`);
  });

  it('surfaces a cloud error with its code and request id', async () => {
    const h = harness();
    const e = await failure(h.provider.create(newInputs({ zoneId: 100006 })));
    // CreatePostPaidInstance lists no ResourcesSoldOut (its Go SDK error list): FailedOperation, with the reason.
    expect(e.code).toBe('FailedOperation');
    expect(e.message).toMatch(/^FailedOperation: creating pulumi-fresh: CreatePostPaidInstance \(pulumi-fresh\) failed: FailedOperation: zone .* is sold out.* \(request [\w-]+\)$/);
    expect(e.requestId).toEqual(expect.any(String));
    expect(e.id).toBeUndefined();
  });
});

describe('read', () => {
  it('returns what the cloud reports, keeping the deletion policy and the last plan', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs({ deletionPolicy: 'delete' }));
    const r = await h.provider.read(ORDERS, outs);
    expect(r).toEqual({ id: ORDERS, props: outs });
  });

  it('returns an empty id for an instance that is gone, so a refresh drops it', async () => {
    const h = harness();
    expect(await h.provider.read('ckafka-nothere0', undefined)).toEqual({ id: '', props: {} });
  });
});

describe('delete', () => {
  it('retains the instance by default, and says so', async () => {
    const h = harness();
    const outs = await adopt(h.provider, ordersInputs());
    await h.provider.delete(ORDERS, outs);
    expect(instance(h.em, ORDERS)?.status).toBe(1);
    expect(h.text('info')).toContain('orders: retained ckafka-9x2kq7pe (deletionPolicy retain): it keeps running and billing');
    expect(h.em.snapshot().submissions).toEqual([]);
  });

  it('deletes through the port with deletionPolicy delete, and waits until it is gone', async () => {
    const h = harness();
    const created = await h.provider.create(newInputs({ deletionPolicy: 'delete' }));
    await h.provider.delete(created.id, created.outs as CkafkaInstanceState);
    expect(instance(h.em, created.id)).toBeUndefined();
    expect(h.em.snapshot().submissions.map((s) => s.action)).toEqual(['CreatePostPaidInstance', 'DeleteInstancePost']);
    expect(h.text('info')).toContain(`pulumi-fresh: ${created.id} deleted`);
  });
});
