import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import { CkafkaInstance, SPEC_IGNORE_CHANGES, TencentcloudProvider } from '../../src/cdktf';
import { CkafkaInstance as CkafkaInstanceResource } from '../../src/cdktf/gen/ckafka-instance';
import { expectGolden } from '../support/golden';
import { GOLDEN_INSTANCES, PROVISIONING_PROPS, RUNNING_ID, WEEKEND_SHANGHAI, aProps, aStack, readStack, removeTempDirs, tempApp } from './_fixtures';

// Loading cdktf costs time per test file, so the matchers are set up here and not globally.
setupJest();
afterAll(removeTempDirs);

function resourceOf(synthesized: string): Record<string, unknown> {
  const resources = JSON.parse(synthesized).resource.tencentcloud_ckafka_instance as Record<string, Record<string, unknown>>;
  const [only] = Object.values(resources);
  return only as Record<string, unknown>;
}

describe('CkafkaInstance synthesis', () => {
  it('maps the spec onto the provider arguments', () => {
    const synthesized = Testing.synthScope((scope) => {
      new TencentcloudProvider(scope, 'tencentcloud', { region: 'ap-guangzhou' });
      new CkafkaInstance(scope, 'orders', aProps({ upgrade: { rebalance: WEEKEND_SHANGHAI, mode: 'stable' } }));
    });
    expect(synthesized).toHaveProviderWithProperties(TencentcloudProvider, { region: 'ap-guangzhou' });
    expect(synthesized).toHaveResourceWithProperties(CkafkaInstanceResource, {
      instance_name: 'orders',
      specifications_type: 'profession',
      band_width: 400,
      disk_size: 6000,
      partition: 2400,
      zone_id: 100003,
      upgrade_strategy: 1,
    });
  });

  it.each([
    ['pro', 'profession', 400, 6000, 2400],
    ['advanced', 'premium', 100, 1000, 1200],
    ['standard', 'standard', 100, 1000, 100],
  ] as const)('maps edition %s to specifications_type %s', (edition, type, bandwidthMBps, diskGB, partitions) => {
    // Only Pro can be created: the others are declared by the id of the instance that runs.
    const synthesized = Testing.synthScope((scope) => {
      new CkafkaInstance(scope, 'k', aProps({ edition, bandwidthMBps, diskGB, partitions, ...(edition === 'pro' ? {} : { instanceId: RUNNING_ID }) }));
    });
    expect(synthesized).toHaveResourceWithProperties(CkafkaInstanceResource, { specifications_type: type });
  });

  it.each([
    ['stable', 1],
    ['high-speed', 2],
  ] as const)('maps upgrade.mode %s to upgrade_strategy %i', (mode, strategy) => {
    const synthesized = Testing.synthScope((scope) => {
      new CkafkaInstance(scope, 'k', aProps({ upgrade: { mode } }));
    });
    expect(synthesized).toHaveResourceWithProperties(CkafkaInstanceResource, { upgrade_strategy: strategy });
  });

  it('uses the construct id as the instance name unless a name is given', () => {
    const synthesized = Testing.synthScope((scope) => {
      new CkafkaInstance(scope, 'orders', aProps({ name: 'orders-prod' }));
    });
    expect(synthesized).toHaveResourceWithProperties(CkafkaInstanceResource, { instance_name: 'orders-prod' });
    expect(synthesized).not.toHaveResourceWithProperties(CkafkaInstanceResource, { instance_name: 'orders' });
  });

  it('maps the provisioning props', () => {
    const synthesized = Testing.synthScope((scope) => {
      new CkafkaInstance(
        scope,
        'k',
        aProps(PROVISIONING_PROPS),
      );
    });
    expect(resourceOf(synthesized)).toMatchObject({
      multi_zone_flag: true,
      zone_ids: [100003, 100004],
      vpc_id: 'vpc-12345678',
      subnet_id: 'subnet-12345678',
      charge_type: 'PREPAID',
      period: 12,
      renew_flag: 2,
      disk_type: 'CLOUD_SSD',
      kafka_version: '2.8.1',
      msg_retention_time: 1440,
      max_message_byte: 1048576,
      public_network: 3,
      delete_protection_enable: 1,
      elastic_bandwidth_switch: 0,
      tag_set: { team: 'payments' },
      config: { auto_create_topic_enable: true, default_num_partitions: 3, default_replication_factor: 2 },
      dynamic_retention_config: { enable: 1, disk_quota_percentage: 80, bottom_retention: 60 },
    });
  });

  it('leaves out what was not given, so the provider defaults apply', () => {
    const { vpcId: _vpc, subnetId: _subnet, ...running } = aProps({ instanceId: RUNNING_ID });
    const resource = resourceOf(Testing.synthScope((scope) => void new CkafkaInstance(scope, 'k', running)));
    for (const key of ['charge_type', 'period', 'renew_flag', 'vpc_id', 'subnet_id', 'tag_set', 'config', 'multi_zone_flag', 'delete_protection_enable']) expect(resource).not.toHaveProperty(key);
  });

  // CreateInstancePre requires Period, and the provider sends none without `period`: the construct
  // buys 1 month when it creates a prepaid instance, as the Pulumi resource and the adapter do.
  it.each<[string, Parameters<typeof aProps>[0], number | undefined]>([
    ['a prepaid instance it creates (the default charge type)', {}, 1],
    ['a prepaid instance it creates, chargeType given', { chargeType: 'PREPAID' }, 1],
    ['the months given', { periodMonths: 12 }, 12],
    ['a postpaid instance', { chargeType: 'POSTPAID_BY_HOUR' }, undefined],
    ['an instance that runs (the provider cannot change its period)', { instanceId: RUNNING_ID }, undefined],
  ])('writes period for %s: %s', (_what, props, period) => {
    const resource = resourceOf(Testing.synthScope((scope) => void new CkafkaInstance(scope, 'k', aProps(props))));
    expect(resource.period).toBe(period);
  });

  it('exposes id, vip and vport as references to the resource', () => {
    const synthesized = Testing.synthScope((scope) => {
      const k = new CkafkaInstance(scope, 'orders', aProps());
      new TerraformOutput(scope, 'endpoint', { value: `${k.vip}:${k.vport}` });
      new TerraformOutput(scope, 'id', { value: k.id });
    });
    const outputs = JSON.parse(synthesized).output;
    expect(outputs.endpoint.value).toBe('${tencentcloud_ckafka_instance.orders.vip}:${tencentcloud_ckafka_instance.orders.vport}');
    expect(outputs.id.value).toBe('${tencentcloud_ckafka_instance.orders.id}');
  });
});

describe('spec owner', () => {
  it('ignores changes to the spec arguments by default, so Terraform never changes the spec', () => {
    const synthesized = Testing.synthScope((scope) => void new CkafkaInstance(scope, 'k', aProps()));
    expect(resourceOf(synthesized).lifecycle).toEqual({
      ignore_changes: ['band_width', 'disk_size', 'partition', 'specifications_type', 'upgrade_strategy'],
    });
    expect(SPEC_IGNORE_CHANGES).toEqual(['band_width', 'disk_size', 'partition', 'specifications_type', 'upgrade_strategy']);
  });

  it('ignores nothing when Terraform owns the spec', () => {
    const synthesized = Testing.synthScope((scope) => void new CkafkaInstance(scope, 'k', aProps({ specOwner: 'terraform' })));
    expect(resourceOf(synthesized)).not.toHaveProperty('lifecycle');
  });

  it('keeps the lifecycle settings it is given and adds the spec arguments once', () => {
    const synthesized = Testing.synthScope(
      (scope) => void new CkafkaInstance(scope, 'k', aProps({ lifecycle: { preventDestroy: true, ignoreChanges: ['tag_set', 'disk_size'] } })),
    );
    expect(resourceOf(synthesized).lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ['tag_set', 'disk_size', 'band_width', 'partition', 'specifications_type', 'upgrade_strategy'],
    });
  });

  it("keeps ignore_changes = all as it is", () => {
    const synthesized = Testing.synthScope((scope) => void new CkafkaInstance(scope, 'k', aProps({ lifecycle: { ignoreChanges: 'all' } })));
    expect(resourceOf(synthesized).lifecycle).toEqual({ ignore_changes: 'all' });
  });
});

describe('the ckafka-iac record in the resource comment', () => {
  it('survives app.synth() into cdk.tf.json next to cdktf metadata', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    new CkafkaInstance(stack, 'orders', aProps({ instanceId: 'ckafka-abc12345', allowScaleDown: true, upgrade: { rebalance: WEEKEND_SHANGHAI } }));
    app.synth();
    const body = readStack(app, 'kafka').resource.tencentcloud_ckafka_instance.orders;
    expect(body['//']).toEqual({
      metadata: { path: 'kafka/orders/Default', uniqueId: 'orders' },
      'ckafka-iac': {
        formatVersion: 1,
        specOwner: 'ckafka-iac',
        instanceId: 'ckafka-abc12345',
        upgrade: { rebalance: WEEKEND_SHANGHAI },
        allowScaleDown: true,
      },
    });
  });

  it('records the spec owner', () => {
    const synthesized = Testing.synthScope((scope) => void new CkafkaInstance(scope, 'k', aProps({ specOwner: 'terraform' })));
    // Testing.synth strips every "//", so read the resource through the stack instead.
    expect(synthesized).not.toContain('ckafka-iac');
    const app = tempApp();
    const stack = aStack(app, 's');
    new CkafkaInstance(stack, 'k', aProps({ specOwner: 'terraform' }));
    app.synth();
    expect(readStack(app, 's').resource.tencentcloud_ckafka_instance.k['//']['ckafka-iac'].specOwner).toBe('terraform');
  });
});

describe('validation at synth', () => {
  function synthOne(props: Parameters<typeof aProps>[0]): () => void {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    new CkafkaInstance(stack, 'orders', aProps(props));
    return () => app.synth();
  }

  it('passes a valid spec', () => {
    expect(synthOne({})).not.toThrow();
  });

  it.each([
    [{ bandwidthMBps: 100200, diskGB: 10000, partitions: 6000 }, /spec\/above-maximum at kafka\/orders\.bandwidthMBps: bandwidthMBps 100200 MB\/s is above the Pro maximum of 100000 MB\/s \(use 100000 or less\)/],
    [{ diskGB: 500100 }, /spec\/above-maximum at kafka\/orders\.diskGB/],
    [{ partitions: 1000 }, /spec\/partitions-below-tier-minimum at kafka\/orders\.partitions/],
    [{ edition: 'enterprise' as never }, /spec\/unknown-edition at kafka\/orders\.edition/],
    [{ instanceId: 'abc' }, /spec\/bad-instance-id at kafka\/orders\.instanceId/],
    [{ upgrade: { rebalance: { window: { ...WEEKEND_SHANGHAI.window, timezone: 'Asia/Shanghia' } } } }, /spec\/unknown-timezone at kafka\/orders\.upgrade\.rebalance\.window\.timezone/],
  ])('fails for %j with the code and the construct path', (props, expected) => {
    expect(synthOne(props)).toThrow(expected);
  });

  it('reports every problem, not only the first', () => {
    expect(synthOne({ bandwidthMBps: 100200, diskGB: 500100 })).toThrow(/bandwidthMBps[\s\S]*diskGB/);
  });

  // API point 3 (docs/sources.md): a running instance can hold a value off the sale step; the step binds a change, which
  // the plan checks against what runs. Declared by its id, it is a warning at synth.
  it('warns, and does not fail, for a value off the sale step of an instance that runs', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    const instance = new CkafkaInstance(stack, 'orders', aProps({ instanceId: RUNNING_ID, bandwidthMBps: 150, diskGB: 1000, partitions: 1200 }));
    expect(() => app.synth()).not.toThrow();
    const warnings = instance.node.metadata.filter((m) => m.type === 'aws:cdk:warning' || m.type === 'warning' || String(m.type).includes('warn'));
    expect(warnings.map((m) => String(m.data))).toEqual([expect.stringMatching(/spec\/off-step at kafka\/orders\.bandwidthMBps: bandwidthMBps 150 MB\/s is not a Pro bandwidth.*accepted only as the value the instance runs now/)]);
  });

  it('fails for a value off the sale step of an instance it creates, without the warning beside', () => {
    const app = tempApp();
    const instance = new CkafkaInstance(aStack(app, 'kafka'), 'orders', aProps({ bandwidthMBps: 150, diskGB: 1000, partitions: 1200 }));
    expect(() => app.synth()).toThrow(/spec\/off-step at kafka\/orders\.bandwidthMBps: bandwidthMBps 150 is off the Pro sale step, and a new instance is created on the step \(use 140 or 160; if the instance runs 150 now, declare it by its instanceId\)/);
    expect(instance.node.metadata.filter((m) => String(m.type).includes('warn'))).toEqual([]);
  });

  it.each<[string, Parameters<typeof aProps>[0], RegExp]>([
    ['an Advanced instance it creates', { edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200 }, /spec\/edition-not-creatable at kafka\/orders\.edition/],
    ['a period beyond 36 months', { periodMonths: 48 }, /spec\/invalid-value at kafka\/orders\.periodMonths: periodMonths must be a whole number of months from 1 to 36, got 48/],
    ['a disk type a new instance cannot have', { diskType: 'SSD' }, /spec\/invalid-value at kafka\/orders\.diskType/],
    ['a Kafka version not offered', { kafkaVersion: '3.9.0' }, /spec\/invalid-value at kafka\/orders\.kafkaVersion/],
    ['no VPC to create the instance in', { vpcId: undefined as never }, /spec\/missing-field at kafka\/orders\.vpcId/],
    ['a multi-zone list without the main zone', { zoneIds: [100004, 100005] }, /spec\/invalid-value at kafka\/orders\.zoneIds/],
    ['a max message size of exactly 12582912 (the API excludes it)', { maxMessageBytes: 12582912 }, /spec\/invalid-value at kafka\/orders\.maxMessageBytes/],
  ])('fails for %s', (_what, props, expected) => {
    expect(synthOne(props)).toThrow(expected);
  });

  it('takes a Terraform expression for the network without checking it', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    const vpc = new TerraformVariable(stack, 'vpc', { type: 'string' });
    new CkafkaInstance(stack, 'orders', aProps({ vpcId: vpc.stringValue }));
    expect(() => app.synth()).not.toThrow();
  });

  it('fails when a spec value is a Terraform expression', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    const bandwidth = new TerraformVariable(stack, 'bandwidth', { type: 'number' });
    new CkafkaInstance(stack, 'orders', aProps({ bandwidthMBps: bandwidth.numberValue }));
    expect(() => app.synth()).toThrow(/cdktf\/unresolved-token at kafka\/orders\.bandwidthMBps: bandwidthMBps is a Terraform expression/);
  });

  it('fails for a charge type the edition does not offer', () => {
    expect(synthOne({ edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200, chargeType: 'POSTPAID_BY_HOUR' })).toThrow(
      /spec\/invalid-value at kafka\/orders\.chargeType: chargeType POSTPAID_BY_HOUR is not offered for Advanced/,
    );
  });

  it('fails for a prepaid period on a postpaid instance', () => {
    expect(synthOne({ chargeType: 'POSTPAID_BY_HOUR', periodMonths: 1 })).toThrow(/spec\/invalid-value at kafka\/orders\.periodMonths/);
  });

  it('fails for a max message size out of range', () => {
    expect(synthOne({ maxMessageBytes: 100 })).toThrow(/spec\/invalid-value at kafka\/orders\.maxMessageBytes/);
  });

  it('fails when two instances of the app share a name, even in different stacks', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'a'), 'orders', aProps());
    new CkafkaInstance(aStack(app, 'b'), 'main', aProps({ name: 'orders' }));
    expect(() => app.synth()).toThrow(/spec\/duplicate-name at b\/main\.name: name "orders" is already used by a\/orders/);
  });
});

describe('synthesized JSON', () => {
  it('matches the golden file', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    for (const [id, props] of GOLDEN_INSTANCES) new CkafkaInstance(stack, id, props);
    app.synth();
    // The local backend path is absolute (it depends on the working directory), so it is masked.
    const text = fs
      .readFileSync(path.join(app.outdir, 'stacks/kafka/cdk.tf.json'), 'utf8')
      .replace(/"path": "[^"]*terraform\.kafka\.tfstate"/, '"path": "<cwd>/terraform.kafka.tfstate"');
    expectGolden(path.join(__dirname, 'golden/two-instances.cdk.tf.json'), text);
  });
});
