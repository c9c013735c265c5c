/**
 * Builders shared by the cdktf tests: construct props and a temp app that synthesizes to disk.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { planWithCloud } from '../../src/apply/plan-with-cloud';
import { TencentcloudProvider, type CkafkaInstanceBaseProps, type CkafkaInstanceLifecycle, type CkafkaInstanceProps } from '../../src/cdktf';
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { createEmulator, createManualClock, createSeedState } from '../../src/cloud/emulator';
import type { DesiredFleet } from '../../src/spec/types';
import type { LooseJson } from '../support/loose-json';

/** Props without meta-arguments, which either engine's construct accepts. */
export type PortableProps = CkafkaInstanceBaseProps<never, never, never>;

/** A valid Pro instance (400 MB/s needs ≥ 3000 GB and ≥ 2000 partitions), with the network a new instance needs. */
const VALID_PRO = { edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400, zoneId: 100003, vpcId: 'vpc-12345678', subnetId: 'subnet-12345678' } as const;

/** The id of a running instance: declares it rather than creating it (the rules of a new instance do not apply). */
export const RUNNING_ID = 'ckafka-abc12345';

/** A valid Pro instance; override what a test is about. */
export function aProps(overrides: Partial<CkafkaInstanceProps> = {}): CkafkaInstanceProps {
  return { ...VALID_PRO, ...overrides };
}

/** {@link aProps} typed with another engine's props `P` (e.g. cdktn's). */
export function aPropsFor<P extends CkafkaInstanceBaseProps<unknown, unknown, CkafkaInstanceLifecycle>>(overrides: Partial<P> = {}): P {
  return { ...VALID_PRO, ...overrides } as P;
}

/** The weekend window the examples use. */
export const WEEKEND_SHANGHAI = { window: { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } } as const;

/** A value for every provisioning prop (the ones Terraform needs, beyond the spec). */
export const PROVISIONING_PROPS: Partial<PortableProps> = {
  zoneIds: [100003, 100004],
  vpcId: 'vpc-12345678',
  subnetId: 'subnet-12345678',
  chargeType: 'PREPAID',
  periodMonths: 12,
  autoRenew: false,
  diskType: 'CLOUD_SSD',
  kafkaVersion: '2.8.1',
  msgRetentionMinutes: 1440,
  maxMessageBytes: 1048576,
  publicNetworkMbps: 3,
  deleteProtection: true,
  elasticBandwidth: false,
  tags: { team: 'payments' },
  config: { autoCreateTopicEnable: true, defaultNumPartitions: 3, defaultReplicationFactor: 2 },
  dynamicRetentionConfig: { enable: true, diskQuotaPercentage: 80, bottomRetentionMinutes: 60 },
};

/** The construct ids and props of golden/two-instances.cdk.tf.json. */
export const GOLDEN_INSTANCES: ReadonlyArray<readonly [string, PortableProps]> = [
  ['orders', aPropsFor<PortableProps>({ name: 'orders', upgrade: { rebalance: WEEKEND_SHANGHAI, mode: 'stable' }, tags: { team: 'payments' } })],
  [
    'clickstream',
    {
      edition: 'pro',
      bandwidthMBps: 200,
      diskGB: 2000,
      partitions: 1400,
      zoneId: 100003,
      vpcId: 'vpc-12345678',
      subnetId: 'subnet-12345678',
      chargeType: 'POSTPAID_BY_HOUR',
      upgrade: { rebalance: 'now', mode: 'high-speed' },
      specOwner: 'terraform',
    },
  ],
];

const made: string[] = [];

/** A fresh temp directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'ckafka-iac-cdktf-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** An app that synthesizes into a fresh temp directory (`<outdir>/manifest.json`, `stacks/…`). */
export function tempApp(options: { skipValidation?: boolean } = {}): App {
  return new App({ outdir: path.join(tempDir(), 'cdktf.out'), ...options });
}

/** The parsed cdk.tf.json of a stack synthesized by `app.synth()`. */
export function readStack(app: App, stack: string): LooseJson {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

/**
 * A stack with a `tencentcloud` provider, as every real stack has (cdktf refuses to synthesize
 * resources without their provider). `null` leaves the region out.
 */
export function aStack(app: App, name: string, region: string | null = 'ap-guangzhou'): TerraformStack {
  const stack = new TerraformStack(app, name);
  new TencentcloudProvider(stack, 'tencentcloud', region === null ? {} : { region });
  return stack;
}

/** A Tuesday: the examples' weekend window is days away. */
export const NOW = new Date('2026-11-24T03:00:00Z');

/** The plan for `fleet` against the emulator's seed state at {@link NOW}, as JSON text. */
export async function planAgainstSeed(fleet: DesiredFleet): Promise<string> {
  const em = createEmulator({ state: createSeedState({ now: NOW }), clock: createManualClock(NOW), faults: { rateLimitsEnabled: false } });
  try {
    return JSON.stringify(await planWithCloud(fleet, createEmulatedCloud(em), { now: NOW }), null, 2);
  } finally {
    await em.close();
  }
}
