/**
 * The apply orchestrator in process against the emulator (_harness.ts): exactly the reviewed step
 * reaches the cloud and is followed to done, and a change the cloud already shows is not sent again.
 */
import { HOUR, SEED, apply, fleetYaml, instanceOf, newWorld, planFor, recorder, resultOf, specSubmissions } from './_harness';

describe('apply: the cloud already shows the outcome', () => {
  it('reports done without submitting when the instance is already at the target', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    // Someone (an earlier apply, the console) made the change after the plan.
    await w.cloud.submitSpecChange({ instanceId: SEED['cdktf-clickstream'].id, bandwidthMBps: 240, diskGB: 2000, partitions: 1600, mode: 'stable' });
    w.clock.advance(HOUR);
    expect(instanceOf(w.em, SEED['cdktf-clickstream'].id).bandwidthMBps).toBe(240);

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r).toMatchObject({ outcome: 'done', attached: false });
    expect(r.message).toMatch(/already at the target/);
    expect(r.submitted).toBeUndefined();
    expect(specSubmissions(w.em)).toHaveLength(1);
    expect(result.exitCode).toBe(0);
  });

  it('attaches to a change already upgrading toward the target and follows it to done', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    expect(plan.instances[0]?.migration.required).toBe(true);
    await w.cloud.submitSpecChange({ instanceId: SEED.payments.id, bandwidthMBps: 160, diskGB: 2000, partitions: 1200, mode: 'high-speed' });
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);
    const rec = recorder();

    const result = await apply(plan, w.cloud, { onEvent: rec.onEvent });

    const r = resultOf(result, 'payments');
    expect(r).toMatchObject({ outcome: 'done', attached: true });
    expect(r.submitted).toBeUndefined();
    expect(rec.events.some((e) => e.type === 'state' && e.state === 'attached')).toBe(true);
    expect(specSubmissions(w.em)).toHaveLength(1);
    expect(instanceOf(w.em, SEED.payments.id)).toMatchObject({ status: 1, bandwidthMBps: 160 });
  });
});

describe('apply: submit, follow, verify', () => {
  it('sends exactly the reviewed postpaid step: InstanceScalingDown, MB/s, disk, partitions, UpgradeStrategy 2', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, disk: 2400, partitions: 1600, mode: 'high-speed' } }));
    const step = plan.instances[0]?.steps.find((s) => s.kind === 'change-spec');
    expect(step).toMatchObject({ kind: 'change-spec', bandwidthMBps: 240, diskGB: 2400, partitions: 1600, mode: 'high-speed' });

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'cdktf-clickstream');
    expect(r).toMatchObject({ outcome: 'done', attached: false, submitted: { acceptedBy: 'response' } });
    expect(specSubmissions(w.em).map((s) => [s.action, s.params])).toEqual([
      ['InstanceScalingDown', { InstanceId: SEED['cdktf-clickstream'].id, BandWidth: 240, DiskSize: 2400, Partition: 1600, UpgradeStrategy: 2 }],
    ]);
    const ledger = specSubmissions(w.em);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ action: 'InstanceScalingDown', instanceId: SEED['cdktf-clickstream'].id });
    expect(ledger[0]?.params).toEqual({ InstanceId: SEED['cdktf-clickstream'].id, BandWidth: 240, DiskSize: 2400, Partition: 1600, UpgradeStrategy: 2 });
    expect(r.submitted?.requestId).toBe(ledger[0]?.requestId);
    expect(instanceOf(w.em, SEED['cdktf-clickstream'].id)).toMatchObject({ status: 1, bandwidthMBps: 240, diskGB: 2400, partitions: 1600 });
  });

  it('sends a prepaid step as ModifyInstancePre without a mode', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ orders: { bw: 300, partitions: 1600 } }));

    const result = await apply(plan, w.cloud);

    expect(resultOf(result, 'orders').outcome).toBe('done');
    const ledger = specSubmissions(w.em);
    expect(ledger.map((s) => s.action)).toEqual(['ModifyInstancePre']);
    expect(ledger[0]?.params).toEqual({ InstanceId: SEED.orders.id, BandWidth: 300, DiskSize: 3000, Partition: 1600 });
  });

  it('reports the endpoints whose ports changed in a migration', async () => {
    const w = newWorld();
    const before = instanceOf(w.em, SEED.payments.id).routes.map((r) => `${r.vip}:${r.vport}`);
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));

    const result = await apply(plan, w.cloud);

    const r = resultOf(result, 'payments');
    expect(r.outcome).toBe('done');
    const after = instanceOf(w.em, SEED.payments.id).routes.map((x) => `${x.vip}:${x.vport}`);
    expect(after).not.toEqual(before);
    expect(r.endpointsChanged?.before.map((e) => `${e.vip}:${e.vport}`)).toEqual(before);
    expect(r.endpointsChanged?.after.map((e) => `${e.vip}:${e.vport}`)).toEqual(after);
    expect(r.message).toMatch(/endpoints changed/);
  });

  it('reports no endpoint change for a change in place', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const r = resultOf(await apply(plan, w.cloud), 'cdktf-clickstream');
    expect(r.outcome).toBe('done');
    expect(r.endpointsChanged).toBeUndefined();
  });

  it('leaves unchanged instances alone and counts them as success', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: {}, 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));
    const result = await apply(plan, w.cloud);
    expect(resultOf(result, 'payments').outcome).toBe('unchanged');
    expect(result.summary.line).toBe('1 done, 1 unchanged');
    expect(result.exitCode).toBe(0);
  });
});
