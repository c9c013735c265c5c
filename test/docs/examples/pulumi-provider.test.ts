import { CkafkaProvider, type CkafkaDiagnostic, type CkafkaInstanceInputs, type CkafkaInstanceState } from 'ckafka-iac/pulumi';
import { createTestCloud } from 'ckafka-iac/testing';

const inputs: CkafkaInstanceInputs = { name: 'orders', instanceId: 'ckafka-abc12345', edition: 'pro', bandwidthMBps: 200, diskGB: 3000, partitions: 1400 };

test('the preview of a spec change: one entry per property, the plan as diagnostics', async () => {
  const emulated = createTestCloud([inputs], { now: new Date('2026-03-02T02:00:00Z') });
  const diagnostics: CkafkaDiagnostic[] = [];
  const provider = new CkafkaProvider({
    cloud: emulated.cloud,
    logger: { info: () => undefined, warn: () => undefined, diagnostic: (d) => diagnostics.push(d) },
    now: () => emulated.clock.now(),
  });
  try {
    const { outs } = await provider.create(inputs); // adopts the instance, as `pulumi up` would
    const diff = await provider.diff('ckafka-abc12345', outs as CkafkaInstanceState, { ...inputs, bandwidthMBps: 300, partitions: 1600 });
    expect(diff.detailedDiff).toEqual({ bandwidthMBps: { kind: 'update', inputDiff: false }, partitions: { kind: 'update', inputDiff: false } });
    expect(diff.replaces).toEqual([]);
    expect(diagnostics.find((d) => d.topic === 'migration')).toMatchObject({ required: true });
    expect(emulated.emulator.snapshot().submissions).toEqual([]); // a diff never changes the cloud
  } finally {
    await emulated.close();
  }
});
