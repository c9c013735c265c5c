import { TerraformStack, Testing } from 'cdktf';
import { CkafkaInstance, TencentcloudProvider } from 'ckafka-iac/cdktf';
import { planAgainstEmulator, readCdktfOut, requireFleet } from 'ckafka-iac/testing';

test('the stack plans the declared clickstream change, and only that', async () => {
  const stack = new TerraformStack(Testing.app(), 'kafka');
  new TencentcloudProvider(stack, 'tencentcloud', { region: 'ap-guangzhou' });
  new CkafkaInstance(stack, 'clickstream', {
    name: 'clickstream',
    edition: 'pro',
    bandwidthMBps: 240,
    diskGB: 2000,
    partitions: 1600,
    upgrade: { rebalance: 'now', mode: 'stable' },
    zoneId: 100003,
    vpcId: 'vpc-6b2g8c1d',
    subnetId: 'subnet-3k9f2w7q',
    chargeType: 'POSTPAID_BY_HOUR',
  });

  const fleet = requireFleet(readCdktfOut(Testing.fullSynth(stack)));
  const plan = await planAgainstEmulator(fleet, {
    now: new Date('2026-03-02T02:00:00Z'),
    instances: { clickstream: { running: { bandwidthMBps: 200, partitions: 1400 }, chargeType: 'POSTPAID_BY_HOUR' } },
  });
  expect(plan.instances.map((i) => [i.name, i.action, i.changes.map((c) => c.field)])).toEqual([['clickstream', 'upgrade', ['bandwidthMBps', 'partitions']]]);
});
