/**
 * `ckafka-iac/cdktn`'s CkafkaInstance is the cdktf construct on another engine: for the same
 * declarations both write the same cdk.tf.json (but for the engine's version) and refuse the
 * same mistakes with the same messages. test/cdktf/ckafka-instance.test.ts covers what the
 * construct does; this file covers that the cdktn entry does exactly that too.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import type { Construct } from 'constructs';
import * as forCdktf from '../../src/cdktf';
import * as forCdktn from '../../src/cdktn';
import { GOLDEN_INSTANCES, PROVISIONING_PROPS, WEEKEND_SHANGHAI, aPropsFor, removeTempDirs, tempDir } from '../cdktf/_fixtures';

afterAll(removeTempDirs);

type Props = forCdktn.CkafkaInstanceProps;

/** One engine, as a test drives it: the app, its stack, a number variable and the entry. */
interface Engine {
  readonly name: 'cdktf' | 'cdktn';
  readonly version: string;
  app(): { outdir: string; synth(): void } & Construct;
  stack(app: Construct, id: string): Construct;
  numberVariable(scope: Construct, id: string): number;
  instance(scope: Construct, id: string, props: Props): forCdktn.CkafkaInstance | forCdktf.CkafkaInstance;
}

function engine(name: 'cdktf' | 'cdktn'): Engine {
  const lib = name === 'cdktf' ? cdktf : cdktn;
  const entry = name === 'cdktf' ? forCdktf : forCdktn;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require(`${name}/package.json`) as { version: string }).version;
  return {
    name,
    version,
    app: () => new lib.App({ outdir: path.join(tempDir(`ckafka-iac-${name}-`), 'cdktf.out') }),
    stack: (app, id) => {
      const stack = new lib.TerraformStack(app as never, id);
      new entry.TencentcloudProvider(stack as never, 'tencentcloud', { region: 'ap-guangzhou' });
      return stack;
    },
    numberVariable: (scope, id) => new lib.TerraformVariable(scope as never, id, { type: 'number' }).numberValue,
    instance: (scope, id, props) => new entry.CkafkaInstance(scope as never, id, props as never),
  };
}

const CDKTF = engine('cdktf');
const CDKTN = engine('cdktn');

/** What `app.synth()` gives: the stack's cdk.tf.json without what differs by machine or engine version, or the error. */
function synthesize(e: Engine, declare: (e: Engine, stack: Construct) => void): { stack?: unknown; error?: string } {
  const app = e.app();
  declare(e, e.stack(app, 'kafka'));
  try {
    app.synth();
  } catch (err) {
    return { error: (err as Error).message };
  }
  const stack = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks/kafka/cdk.tf.json'), 'utf8'));
  expect(stack['//'].metadata.version).toBe(e.version);
  delete stack['//'].metadata.version;
  // The local backend path is absolute, from the working directory: equal, but not the point.
  delete stack.terraform.backend;
  return { stack };
}

const one = (props: Partial<Props>) => (e: Engine, stack: Construct) => void e.instance(stack, 'orders', aPropsFor<Props>(props));

describe('the same declarations on cdktf and on cdktn', () => {
  it.each<[string, (e: Engine, stack: Construct) => void]>([
    ['a minimal instance', one({})],
    ['a windowed upgrade, an adopted id and scale-down', one({ name: 'orders-prod', instanceId: 'ckafka-abc12345', allowScaleDown: true, upgrade: { rebalance: WEEKEND_SHANGHAI, mode: 'high-speed' } })],
    [
      'every provisioning prop',
      one({ ...PROVISIONING_PROPS, customSslCertId: 'cert-abc', dynamicRetentionConfig: { enable: false, stepForwardPercentage: 10 } }),
    ],
    ['Terraform owning the spec', one({ specOwner: 'terraform' })],
    ['lifecycle settings merged with the spec arguments', one({ lifecycle: { preventDestroy: true, ignoreChanges: ['tag_set', 'band_width'] } })],
    ['ignore_changes = all', one({ lifecycle: { ignoreChanges: 'all' } })],
    [
      'two instances, one referring to the other',
      (e, stack) => {
        const first = e.instance(stack, 'orders', aPropsFor<Props>());
        e.instance(stack, 'clickstream', aPropsFor<Props>({ bandwidthMBps: 200, diskGB: 2000, partitions: 1400, chargeType: 'POSTPAID_BY_HOUR', dependsOn: [first.resource as never] }));
      },
    ],
  ])('%s: the same cdk.tf.json', (_what, declare) => {
    const viaCdktf = synthesize(CDKTF, declare);
    const viaCdktn = synthesize(CDKTN, declare);
    expect(viaCdktf.error).toBeUndefined();
    expect(viaCdktn).toEqual(viaCdktf);
  });

  it.each<[string, (e: Engine, stack: Construct) => void, RegExp]>([
    ['a bandwidth below its minimum and a disk below its tier', one({ bandwidthMBps: 10, diskGB: 100 }), /spec\/below-minimum at kafka\/orders\.bandwidthMBps[\s\S]*kafka\/orders\.diskGB/],
    ['an unknown time zone', one({ upgrade: { rebalance: { window: { ...WEEKEND_SHANGHAI.window, timezone: 'Asia/Shanghia' } } } }), /spec\/unknown-timezone/],
    ['a charge type the edition does not offer', one({ edition: 'advanced', bandwidthMBps: 100, diskGB: 1000, partitions: 1200, chargeType: 'POSTPAID_BY_HOUR' }), /spec\/invalid-value at kafka\/orders\.chargeType/],
    ['a prepaid period on a postpaid instance', one({ chargeType: 'POSTPAID_BY_HOUR', periodMonths: 1 }), /spec\/invalid-value at kafka\/orders\.periodMonths/],
    ['a max message size out of range', one({ maxMessageBytes: 100 }), /spec\/invalid-value at kafka\/orders\.maxMessageBytes/],
    [
      'two instances with one name',
      (e, stack) => {
        e.instance(stack, 'orders', aPropsFor<Props>());
        e.instance(stack, 'main', aPropsFor<Props>({ name: 'orders' }));
      },
      /spec\/duplicate-name at kafka\/main\.name: name "orders" is already used by kafka\/orders/,
    ],
    // Found with the engine's own Token: the cdktn entry never loads cdktf.
    [
      'a spec value that is a Terraform variable',
      (e, stack) => void e.instance(stack, 'orders', aPropsFor<Props>({ bandwidthMBps: e.numberVariable(stack, 'bandwidth') })),
      /cdktf\/unresolved-token at kafka\/orders\.bandwidthMBps: bandwidthMBps is a Terraform expression/,
    ],
    [
      'a provisioning prop that is a Terraform variable, among spec errors',
      (e, stack) => void e.instance(stack, 'orders', aPropsFor<Props>({ diskGB: 100, maxMessageBytes: e.numberVariable(stack, 'mmb') })),
      /^(?![\s\S]*maxMessageBytes)[\s\S]*spec\/disk-below-tier-minimum at kafka\/orders\.diskGB/,
    ],
  ])('%s: the same error', (_what, declare, expected) => {
    const viaCdktf = synthesize(CDKTF, declare);
    const viaCdktn = synthesize(CDKTN, declare);
    expect(viaCdktf.error).toMatch(expected);
    expect(viaCdktn).toEqual(viaCdktf);
  });
});

describe('the cdktn entry', () => {
  it('synthesizes the cdktf golden file, but for the engine version', () => {
    const golden = JSON.parse(fs.readFileSync(path.join(__dirname, '../cdktf/golden/two-instances.cdk.tf.json'), 'utf8'));
    const app = CDKTN.app();
    const stack = CDKTN.stack(app, 'kafka');
    for (const [id, props] of GOLDEN_INSTANCES) CDKTN.instance(stack, id, props);
    app.synth();
    const synthesized = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks/kafka/cdk.tf.json'), 'utf8'));
    golden['//'].metadata.version = CDKTN.version;
    golden.terraform.backend.local.path = synthesized.terraform.backend.local.path;
    expect(synthesized).toEqual(golden);
  });

  it('exposes id, vip and vport as cdktn references to the resource', () => {
    const app = CDKTN.app();
    const stack = CDKTN.stack(app, 'kafka');
    const instance = CDKTN.instance(stack, 'orders', aPropsFor<Props>());
    new cdktn.TerraformOutput(stack as never, 'endpoint', { value: `${instance.vip}:${instance.vport}` });
    new cdktn.TerraformOutput(stack as never, 'id', { value: instance.id });
    app.synth();
    const outputs = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks/kafka/cdk.tf.json'), 'utf8')).output;
    expect(outputs.endpoint.value).toBe('${tencentcloud_ckafka_instance.orders.vip}:${tencentcloud_ckafka_instance.orders.vport}');
    expect(outputs.id.value).toBe('${tencentcloud_ckafka_instance.orders.id}');
  });

  it('is a cdktn construct, and its resource a cdktn TerraformResource', () => {
    const app = CDKTN.app();
    const instance = new forCdktn.CkafkaInstance(CDKTN.stack(app, 'kafka') as never, 'orders', aPropsFor<Props>());
    expect(instance.resource).toBeInstanceOf(cdktn.TerraformResource);
    expect(instance.resource).not.toBeInstanceOf(cdktf.TerraformResource);
    expect(cdktn.TerraformStack.of(instance)).toBeInstanceOf(cdktn.TerraformStack);
  });
});
