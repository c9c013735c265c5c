import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { CkafkaInstance, TencentcloudProvider, readCdktfOut } from '../../src/cdktf';
import { CkafkaInstance as CkafkaInstanceResource } from '../../src/cdktf/gen/ckafka-instance';
import type { Issue } from '../../src/spec/issues';
import type { DesiredInstance } from '../../src/spec/types';
import { validateFleet } from '../../src/spec/validate';
import { WEEKEND_SHANGHAI, aProps, aStack, removeTempDirs, tempApp, tempDir } from './_fixtures';

afterAll(removeTempDirs);

const withoutSource = (instances: readonly DesiredInstance[] | undefined) => (instances ?? []).map(({ source: _source, ...rest }) => rest);
const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.code} at ${i.path}`);

/** A plain `tencentcloud_ckafka_instance` through the generated binding, not our construct. */
function plainResource(stack: TerraformStack, id: string, config: Partial<ConstructorParameters<typeof CkafkaInstanceResource>[2]> = {}) {
  return new CkafkaInstanceResource(stack, id, { instanceName: id, zoneId: 100003, bandWidth: 400, diskSize: 6000, partition: 2400, ...config });
}

describe('readCdktfOut: same result as a fleet file', () => {
  it('reads the construct back into the DesiredFleet the equivalent fleet document gives', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    new CkafkaInstance(stack, 'orders', aProps({ instanceId: 'ckafka-abc12345', allowScaleDown: true, upgrade: { rebalance: WEEKEND_SHANGHAI, mode: 'stable' } }));
    new CkafkaInstance(stack, 'clickstream', aProps({ bandwidthMBps: 200, diskGB: 2000, partitions: 1400, upgrade: { rebalance: 'now', mode: 'high-speed' } }));
    // An Advanced instance cannot be created: it is declared by its id.
    new CkafkaInstance(stack, 'audit', aProps({ instanceId: 'ckafka-aud17000', edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200 }));
    app.synth();

    const fleet = validateFleet({
      region: 'ap-guangzhou',
      // cdk.tf.json lists resources by Terraform name, so the fleet lists them in that order.
      instances: [
        { name: 'audit', instanceId: 'ckafka-aud17000', edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200 },
        { name: 'clickstream', edition: 'pro', bandwidthMBps: 200, diskGB: 2000, partitions: 1400, upgrade: { rebalance: 'now', mode: 'high-speed' } },
        {
          name: 'orders',
          instanceId: 'ckafka-abc12345',
          edition: 'pro',
          bandwidthMBps: 400,
          diskGB: 6000,
          partitions: 2400,
          upgrade: { rebalance: WEEKEND_SHANGHAI, mode: 'stable' },
          allowScaleDown: true,
        },
      ],
    });
    const read = readCdktfOut(app.outdir);

    expect(read.issues).toEqual([]);
    expect(fleet.issues).toEqual([]);
    expect(read.value?.region).toBe('ap-guangzhou');
    expect(withoutSource(read.value?.instances)).toEqual(withoutSource(fleet.value?.instances));
    expect(read.value?.instances.map((i) => i.source)).toEqual(
      ['audit', 'clickstream', 'orders'].map((name) => ({ file: path.join(app.outdir, 'stacks/kafka/cdk.tf.json'), path: `kafka/${name}` })),
    );
  });

  it('reports the same issues as the fleet file, at the construct path', () => {
    const app = tempApp();
    // The clock is not known at synth, so an `at` in the past only shows when planning.
    new CkafkaInstance(aStack(app, 'kafka'), 'orders', aProps({ upgrade: { rebalance: { at: '2026-01-01T02:00:00+08:00' } } }));
    app.synth();
    const now = new Date('2026-06-01T00:00:00Z');
    const read = readCdktfOut(app.outdir, { now });
    const fleet = validateFleet(
      { instances: [{ name: 'orders', edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400, upgrade: { rebalance: { at: '2026-01-01T02:00:00+08:00' } } }] },
      { now },
    );
    expect(fleet.issues.length).toBeGreaterThan(0);
    expect(read.issues.map(({ code, severity, message, hint }) => ({ code, severity, message, hint }))).toEqual(
      fleet.issues.map(({ code, severity, message, hint }) => ({ code, severity, message, hint })),
    );
    expect(read.issues.map((i) => i.path)).toEqual(fleet.issues.map((i) => i.path.replace('instances[0]', 'kafka/orders')));
    expect(read.issues.every((i) => i.file === path.join(app.outdir, 'stacks/kafka/cdk.tf.json'))).toBe(true);
  });

  it('reads instances from every stack, in stack order', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'payments'), 'orders', aProps());
    new CkafkaInstance(aStack(app, 'analytics'), 'clicks', aProps());
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.issues).toEqual([]);
    expect(read.value?.instances.map((i) => i.source.path)).toEqual(['analytics/clicks', 'payments/orders']);
  });
});

describe('readCdktfOut: spec owner', () => {
  it('marks instances whose spec Terraform owns', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'kafka'), 'orders', aProps({ specOwner: 'terraform' }));
    app.synth();
    expect(readCdktfOut(app.outdir).value?.instances[0]?.specOwner).toBe('terraform');
  });

  it('leaves specOwner out for the default owner, as a fleet file does', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'kafka'), 'orders', aProps());
    app.synth();
    expect(readCdktfOut(app.outdir).value?.instances[0]).not.toHaveProperty('specOwner');
  });

  it('fails when the lifecycle override lets Terraform change a spec ckafka-iac owns', () => {
    const app = tempApp();
    const k = new CkafkaInstance(aStack(app, 'kafka'), 'orders', aProps());
    k.resource.addOverride('lifecycle.ignore_changes', undefined);
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.value).toBeUndefined();
    expect(codes(read.issues)).toEqual(['cdktf/spec-owner-conflict at kafka/orders.lifecycle']);
  });

  it('reads a plain resource as owned by Terraform unless it ignores the spec arguments', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    plainResource(stack, 'plain');
    plainResource(stack, 'ignored', { lifecycle: { ignoreChanges: ['band_width', 'disk_size', 'partition'] } });
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.issues).toEqual([]);
    expect(read.value?.instances.map((i) => [i.name, i.specOwner, i.edition, i.upgrade, i.allowScaleDown])).toEqual([
      ['ignored', undefined, 'pro', { rebalance: 'now', mode: 'stable' }, false],
      ['plain', 'terraform', 'pro', { rebalance: 'now', mode: 'stable' }, false],
    ]);
    expect(read.value?.instances[1]?.source.path).toBe('kafka/plain');
  });
});

describe('readCdktfOut: plain resources', () => {
  it.each([
    ['premium', 'advanced'],
    ['standard', 'standard'],
    ['profession', 'pro'],
  ])('maps specifications_type %s to edition %s', (type, edition) => {
    const app = tempApp();
    const sizes = edition === 'pro' ? {} : { bandWidth: 100, diskSize: 1000, partition: edition === 'standard' ? 100 : 1200 };
    plainResource(aStack(app, 'kafka'), 'k', { specificationsType: type, ...sizes });
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.issues).toEqual([]);
    expect(read.value?.instances[0]?.edition).toBe(edition);
  });

  it('names the Terraform argument in issues about a plain resource', () => {
    const app = tempApp();
    plainResource(aStack(app, 'kafka'), 'k', { bandWidth: 410 });
    app.synth();
    expect(codes(readCdktfOut(app.outdir).issues)).toEqual(['spec/off-step at kafka/k.band_width']);
  });

  it('reports a spec argument left to the cloud as missing, since there is nothing to plan', () => {
    const app = tempApp();
    plainResource(aStack(app, 'kafka'), 'k', { partition: undefined });
    app.synth();
    expect(codes(readCdktfOut(app.outdir).issues)).toEqual(['spec/missing-field at kafka/k.partition']);
  });

  it('rejects a specifications_type that is not an edition', () => {
    const app = tempApp();
    plainResource(aStack(app, 'kafka'), 'k', { specificationsType: 'serverless' });
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(codes(read.issues)).toEqual(['spec/unknown-edition at kafka/k.specifications_type']);
    expect(read.issues[0]?.message).toContain('"serverless"');
  });

  it('rejects count, whose instances Terraform decides', () => {
    const app = tempApp();
    plainResource(aStack(app, 'kafka'), 'k', { count: 2 });
    app.synth();
    expect(codes(readCdktfOut(app.outdir).issues)).toEqual(['cdktf/unsupported-resource at kafka/k.count']);
  });
});

describe('readCdktfOut: values only Terraform knows', () => {
  it('reports a spec argument that is a Terraform expression', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    const bandwidth = new TerraformVariable(stack, 'bandwidth', { type: 'number' });
    plainResource(stack, 'k', { bandWidth: bandwidth.numberValue });
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.value).toBeUndefined();
    expect(codes(read.issues)).toEqual(['cdktf/unresolved-token at kafka/k.band_width']);
    expect(read.issues[0]?.message).toMatch(/only known at apply time/);
  });

  it('names the construct prop when validation was skipped at synth', () => {
    const app = tempApp({ skipValidation: true });
    const stack = aStack(app, 'kafka');
    const disk = new TerraformVariable(stack, 'disk', { type: 'number' });
    new CkafkaInstance(stack, 'orders', aProps({ diskGB: disk.numberValue }));
    app.synth();
    expect(codes(readCdktfOut(app.outdir).issues)).toEqual(['cdktf/unresolved-token at kafka/orders.diskGB']);
  });

  it('reports a provider region that is a Terraform expression', () => {
    const app = tempApp();
    const stack = new TerraformStack(app, 'kafka');
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    new TencentcloudProvider(stack, 'tencentcloud', { region: region.stringValue });
    new CkafkaInstance(stack, 'orders', aProps());
    new CkafkaInstance(stack, 'clicks', aProps());
    app.synth();
    expect(codes(readCdktfOut(app.outdir).issues)).toEqual(['cdktf/unresolved-token at kafka.provider.tencentcloud.region']);
  });
});

describe('readCdktfOut: across stacks', () => {
  it('rejects instances in different regions', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'gz', 'ap-guangzhou'), 'orders', aProps());
    new CkafkaInstance(aStack(app, 'sh', 'ap-shanghai'), 'clicks', aProps());
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.value).toBeUndefined();
    expect(codes(read.issues)).toEqual(['cdktf/mixed-regions at sh.provider.tencentcloud.region']);
    expect(read.issues[0]?.message).toBe('instances are declared in more than one region: ap-guangzhou for gz/orders; ap-shanghai for sh/clicks');
  });

  it('counts a provider without a region as a region of its own', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'gz', 'ap-guangzhou'), 'orders', aProps());
    new CkafkaInstance(aStack(app, 'env', null), 'clicks', aProps());
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(codes(read.issues)).toEqual(['cdktf/mixed-regions at gz.provider.tencentcloud.region']);
    expect(read.issues[0]?.message).toContain('no region (Terraform takes TENCENTCLOUD_REGION) for env/clicks');
  });

  it('takes the region of the aliased provider an instance uses', () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka', 'ap-guangzhou');
    const shanghai = new TencentcloudProvider(stack, 'shanghai', { alias: 'sh', region: 'ap-shanghai' });
    new CkafkaInstance(stack, 'orders', aProps({ provider: shanghai }));
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.issues).toEqual([]);
    expect(read.value?.region).toBe('ap-shanghai');
  });

  it('leaves the region out when no provider names one', () => {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'kafka', null), 'orders', aProps());
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.issues).toEqual([]);
    expect(read.value).not.toHaveProperty('region');
  });

  it('rejects duplicate names and instance ids across stacks', () => {
    const app = tempApp({ skipValidation: true });
    new CkafkaInstance(aStack(app, 'a'), 'orders', aProps({ instanceId: 'ckafka-abc12345' }));
    new CkafkaInstance(aStack(app, 'b'), 'orders', aProps({ instanceId: 'ckafka-abc12345' }));
    plainResource(aStack(app, 'c'), 'orders');
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.value).toBeUndefined();
    expect(codes(read.issues)).toEqual(['spec/duplicate-instance-id at b/orders.instanceId', 'spec/duplicate-name at b/orders.name', 'spec/duplicate-name at c/orders.instance_name']);
    expect(read.issues.find((i) => i.path === 'c/orders.instance_name')?.message).toBe('name "orders" is already used by a/orders');
  });

  it('warns when the app declares no instance', () => {
    const app = tempApp();
    aStack(app, 'kafka');
    app.synth();
    const read = readCdktfOut(app.outdir);
    expect(read.value).toEqual({ instances: [] });
    expect(read.issues.map((i) => [i.code, i.severity])).toEqual([['fleet/empty', 'warning']]);
  });
});

describe('readCdktfOut: unreadable input', () => {
  function synthesizedDir(): string {
    const app = tempApp();
    new CkafkaInstance(aStack(app, 'kafka'), 'orders', aProps());
    app.synth();
    return app.outdir;
  }

  it('reports a directory that does not exist', () => {
    const dir = path.join(tempDir(), 'missing');
    const read = readCdktfOut(dir);
    expect(read.value).toBeUndefined();
    expect(read.issues.map((i) => [i.code, i.file])).toEqual([['cli/file-not-found', dir]]);
  });

  it('reports a directory without manifest.json, naming the file', () => {
    const dir = tempDir();
    const read = readCdktfOut(dir);
    expect(read.issues.map((i) => [i.code, i.file])).toEqual([['cli/unsupported-input', path.join(dir, 'manifest.json')]]);
    expect(read.issues[0]?.message).toMatch(/is not a cdktf manifest: it does not exist/);
    expect(read.issues[0]?.hint).toMatch(/cdktf synth/);
  });

  it('reports a manifest that is not JSON', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "stacks": ');
    const read = readCdktfOut(dir);
    expect(codes(read.issues)).toEqual(['cli/unsupported-input at ']);
    expect(read.issues[0]?.message).toMatch(/is not valid JSON/);
  });

  it('reports a manifest without stacks', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"version":"0.21.0"}');
    expect(codes(readCdktfOut(dir).issues)).toEqual(['cli/unsupported-input at stacks']);
  });

  it('reports a stack whose cdk.tf.json is missing', () => {
    const dir = synthesizedDir();
    const file = path.join(dir, 'stacks/kafka/cdk.tf.json');
    fs.rmSync(file);
    const read = readCdktfOut(dir);
    expect(read.issues.map((i) => [i.code, i.file])).toEqual([['cli/unsupported-input', file]]);
  });

  it('refuses a ckafka-iac record from a newer version', () => {
    const dir = synthesizedDir();
    const file = path.join(dir, 'stacks/kafka/cdk.tf.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.resource.tencentcloud_ckafka_instance.orders['//']['ckafka-iac'].formatVersion = 2;
    fs.writeFileSync(file, JSON.stringify(doc));
    const read = readCdktfOut(dir);
    expect(codes(read.issues)).toEqual(['cdktf/bad-metadata at kafka/orders']);
    expect(read.issues[0]?.message).toMatch(/formatVersion 2, written by a newer ckafka-iac/);
  });
});

describe('examples/cdktf', () => {
  it('synthesizes two valid instances that read back with their upgrade policies', () => {
    const out = path.join(tempDir(), 'cdktf.out');
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = out;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the example afresh, in isolation
        require('../../examples/cdktf/main');
      });
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }
    const read = readCdktfOut(out);
    expect(read.issues).toEqual([]);
    expect(read.value?.region).toBe('ap-guangzhou');
    expect(read.value?.instances.map((i) => [i.name, i.upgrade])).toEqual([
      ['cdktf-clickstream', { rebalance: 'now', mode: 'high-speed' }],
      ['cdktf-orders', { rebalance: WEEKEND_SHANGHAI, mode: 'stable' }],
    ]);
  });
});
