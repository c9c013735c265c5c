/**
 * zod schemas of the fleet file and of one instance spec: the shape of what users declare.
 * Values that need the catalog (steps, tier minimums) or the clock (an `at` in the past) are
 * checked by the rules in ./rules, which return coded issues; these schemas check shape only,
 * plus simple formats an editor can also check through the generated JSON Schema.
 *
 * Schemas are built by functions, not held in module constants: Pulumi serialises the closures
 * of dynamic providers and cannot serialise a live zod schema. Each is built
 * once per process and kept in a registry on `globalThis`, which the closure serialiser treats as
 * a global rather than capturing it; validating 10,000 instances then costs no schema builds.
 */
import { z } from 'zod';
import { EDITIONS, WEEKDAYS } from './types';

const REGISTRY = Symbol.for('ckafka-iac.schemas');

/** Builds a schema once per process, kept where Pulumi's closure serialiser does not capture it (see above). */
export function memoSchema<T>(key: string, build: () => T): T {
  const g = globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>;
  const cache = (g[REGISTRY] ??= new Map<string, unknown>());
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

/** `HH:MM`, 24-hour. */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** CKafka instance ids: `ckafka-` and 8 lowercase letters or digits (e.g. `ckafka-abc12345`). */
export const INSTANCE_ID_PATTERN = /^ckafka-[a-z0-9]{8}$/;
/** Tencent Cloud region names: `ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`. */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z0-9]+)+$/;

export function windowSchema() {
  return memoSchema('window', () =>
    z
      .strictObject({
        days: z.array(z.enum(WEEKDAYS)).min(1).describe('Days the window opens on (its start day for an overnight window)'),
        start: z.string().regex(TIME_PATTERN).describe('Local opening time, HH:MM (24-hour)'),
        end: z.string().regex(TIME_PATTERN).describe('Local closing time, HH:MM; not after start means the window closes the next day'),
        timezone: z.string().min(1).describe('IANA time zone, e.g. Asia/Shanghai'),
        mustFinishInside: z
          .boolean()
          .optional()
          .describe('Start a change only when its estimate fits in what is left of the window, so it finishes inside it (default false: the window bounds when a change may start)'),
      })
      .describe('A recurring window in a time zone'),
  );
}

export function rebalanceSchema() {
  return memoSchema('rebalance', () =>
    z
      .union([
        z.literal('now').describe('Start as soon as the plan is applied'),
        z.strictObject({ at: z.string().min(1).describe('ISO-8601 time with an offset, e.g. 2026-12-05T02:00:00+08:00') }),
        z.strictObject({ window: windowSchema() }),
      ])
      .describe('When a change that migrates data may start; changes that migrate nothing apply at once'),
  );
}

export function upgradeSchema() {
  return memoSchema('upgrade', () =>
    z
      .strictObject({
        rebalance: rebalanceSchema().optional(),
        mode: z
          .enum(['stable', 'high-speed'])
          .optional()
          .describe('stable: migration is throttled to protect traffic (default); high-speed: unthrottled'),
      })
      .describe('How and when a spec change runs'),
  );
}

/** One instance as written in a fleet file (also the Pulumi and cdktf props, less provisioning). */
export function instanceSpecSchema() {
  return memoSchema('instance', () =>
    z.strictObject({
      name: z.string().min(1).max(128).describe('Unique name in the fleet; also the instance name to look up when instanceId is absent'),
      instanceId: z.string().regex(INSTANCE_ID_PATTERN).optional().describe('The CKafka instance id, e.g. ckafka-abc12345'),
      edition: z.enum(EDITIONS).describe('standard | advanced | pro'),
      bandwidthMBps: z.number().int().positive().describe('Peak bandwidth in MB/s (the console unit), e.g. 400'),
      diskGB: z.number().int().positive().describe('Disk capacity in GB, in steps of 100'),
      partitions: z.number().int().positive().describe('Partition limit (replicas included), in steps of 100'),
      upgrade: upgradeSchema().optional(),
      allowScaleDown: z.boolean().optional().describe('Allow bandwidth or disk to decrease (default false)'),
    }),
  );
}

export function fleetSchema() {
  return memoSchema('fleet', () =>
    z
      .strictObject({
        $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors'),
        region: z.string().regex(REGION_PATTERN).optional().describe('Tencent Cloud region, e.g. ap-guangzhou; TENCENTCLOUD_REGION is used when absent'),
        defaults: z
          .strictObject({
            upgrade: upgradeSchema().optional(),
            allowScaleDown: z.boolean().optional(),
          })
          .optional()
          .describe('Defaults for every instance; an instance overrides them key by key'),
        instances: z.array(instanceSpecSchema()).describe('The instances this file manages'),
      })
      .describe('A ckafka-iac fleet file'),
  );
}

/** An instance as written (input type of the schema). */
export type InstanceSpecInput = z.input<ReturnType<typeof instanceSpecSchema>>;
export type FleetFileInput = z.input<ReturnType<typeof fleetSchema>>;
