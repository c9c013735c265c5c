/**
 * Builders shared by the cdktf tests: construct props and a temp app that synthesizes to disk.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { TencentcloudProvider, type CkafkaInstanceProps } from '../../src/cdktf';

/** A valid Pro instance (400 MB/s needs ≥ 3000 GB and ≥ 2000 partitions); override what a test is about. */
export function aProps(overrides: Partial<CkafkaInstanceProps> = {}): CkafkaInstanceProps {
  return { edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400, zoneId: 100003, ...overrides };
}

/** The weekend window the examples use. */
export const WEEKEND_SHANGHAI = { window: { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } } as const;

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
export function readStack(app: App, stack: string): Record<string, any> {
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
