/**
 * The zod schema of a saved plan (format version 2): the shape `apply` accepts, strict at every
 * level (a key this version does not write is refused, never ignored), and the source of the
 * committed JSON Schema `schema/plan.schema.json`. Values that relate fields to each other (a
 * step's values and its entry's target, unique ids) are checked after the shape, by
 * `checkPlanConsistency` (src/apply).
 *
 * Built by functions and kept in the schema registry, as every schema in this project
 * (src/spec/fleet-schema.ts says why).
 */
import { z } from 'zod';
import { ISSUE_CODES } from '../spec/issues';
import { INSTANCE_ID_PATTERN, memoSchema, REGION_PATTERN, windowSchema } from '../spec/fleet-schema';
import { EDITIONS } from '../spec/types';
import { CHECK_IDS, PLAN_FORMAT_VERSION } from './types';

/** `sha256:` and 64 lowercase hex digits: a digest or a fingerprint. */
export const SHA256_PATTERN = /^sha256:[0-9a-f]{64}$/;
/** A re-time: ISO-8601 UTC in whole seconds, as `RebalanceTime` takes it. */
export const WHOLE_SECOND_UTC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/;

const CHARGE_TYPES = ['PREPAID', 'POSTPAID_BY_HOUR'] as const;
const MODES = ['stable', 'high-speed'] as const;

function instant() {
  return z.iso.datetime({ offset: true });
}

function count() {
  return z.number().int().nonnegative();
}

function text() {
  return z.string().max(100_000);
}

function specValuesSchema() {
  return z.strictObject({
    edition: z.enum(EDITIONS),
    bandwidthMBps: z.number().int().positive().describe('MB/s'),
    diskGB: z.number().int().positive(),
    partitions: z.number().int().positive().describe('Instance partition limit, replicas included'),
  });
}

/** A spec as the cloud reported it when planned: the disk is null for elastic storage (`DiskSize -1`). */
function observedSpecSchema() {
  return specValuesSchema().extend({
    diskGB: z.number().int().positive().nullable().describe('GB; null: elastic storage, which grows with use (the cloud reports DiskSize -1)'),
  });
}

function issueSchema() {
  return z.strictObject({
    code: z.enum(ISSUE_CODES),
    severity: z.enum(['error', 'warning']),
    path: text(),
    message: text(),
    hint: text().optional(),
    remedies: z
      .array(
        z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('ignore-check'), check: z.enum(CHECK_IDS) }),
          z.strictObject({ kind: z.literal('replan') }),
          z.strictObject({ kind: z.literal('apply-again') }),
        ]),
      )
      .optional(),
    file: text().optional(),
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
  });
}

/** One step, in the domain's words: no instance id (a step acts on its entry's instance). */
export function planStepSchema() {
  return memoSchema('plan-step', () =>
    z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('change-spec'),
        bandwidthMBps: z.number().int().positive().describe('Target peak bandwidth, MB/s; equals the entry target'),
        diskGB: z.number().int().positive().describe('Target disk, GB; equals the entry target'),
        partitions: z.number().int().positive().describe('Target partition limit; equals the entry target'),
        mode: z.enum(MODES).describe('The declared migration mode'),
        description: text(),
      }),
      z.strictObject({
        kind: z.literal('retime'),
        at: z.string().regex(WHOLE_SECOND_UTC_PATTERN).describe('New time of the task scheduled in the cloud, ISO-8601 UTC, whole seconds'),
        description: text(),
      }),
      z.strictObject({ kind: z.literal('wait'), until: z.enum(['schedule', 'migration', 'scheduled-task']), description: text() }),
      z.strictObject({ kind: z.literal('manual'), description: text(), consolePath: text() }),
    ]),
  );
}

function plannedInstanceSchema() {
  return z.strictObject({
    name: z.string().min(1).max(128),
    instanceId: z.string().regex(INSTANCE_ID_PATTERN).nullable(),
    action: z.enum(['none', 'upgrade', 'scale-down', 'blocked']),
    summary: text(),
    target: specValuesSchema(),
    changes: z.array(
      z.strictObject({
        field: z.enum(['edition', 'bandwidthMBps', 'diskGB', 'partitions']),
        from: z.union([z.string().max(128), z.number()]),
        to: z.union([z.string().max(128), z.number()]),
        unit: z.enum(['', 'MB/s', 'GB', 'partitions']),
      }),
    ),
    migration: z.strictObject({
      required: z.boolean().nullable(),
      estimatedSeconds: count().nullable(),
      mode: z.enum(MODES).nullable(),
      modeSelectable: z.boolean(),
      basis: text(),
    }),
    schedule: z.strictObject({
      kind: z.enum(['now', 'at', 'window']),
      startsAt: instant().nullable(),
      endsAt: instant().optional(),
      window: windowSchema().optional(),
      note: text(),
      pendingAt: instant().optional(),
    }),
    cost: z
      .strictObject({
        currency: z.string().min(1).max(16),
        source: z.enum(['quote', 'list-price']),
        currentMonthly: z.number().nullable(),
        targetMonthly: z.number().nullable(),
        monthlyDelta: z.number().nullable(),
        hourlyDelta: z.number().optional(),
        proratedCharge: z.strictObject({ amount: z.number(), days: count(), until: instant() }).optional(),
        note: text().optional(),
      })
      .nullable(),
    checks: z.array(
      z.strictObject({
        id: z.enum(CHECK_IDS),
        status: z.enum(['pass', 'warn', 'fail']),
        message: text(),
        hint: text().optional(),
        notChecked: z.literal(true).optional(),
      }),
    ),
    steps: z.array(planStepSchema()),
    issues: z.array(issueSchema()),
    observed: z.strictObject({
      name: z.string().min(1).max(128).nullable().describe('The instance name in the cloud when planned'),
      spec: observedSpecSchema().nullable(),
      statusCode: z.number().int().nullable(),
      chargeType: z.enum(CHARGE_TYPES).nullable(),
      rebalanceAt: instant().nullable(),
      endpoints: z.array(z.strictObject({ vip: z.string().max(256), vport: z.string().max(16) })),
    }),
    fingerprint: z.union([z.literal(''), z.string().regex(SHA256_PATTERN)]),
  });
}

/** A saved plan, format version 2. */
export function planSchema() {
  return memoSchema('plan', () =>
    z
      .strictObject({
        formatVersion: z.literal(PLAN_FORMAT_VERSION),
        createdAt: instant(),
        region: z.string().regex(REGION_PATTERN).nullable(),
        cloud: z.strictObject({
          kind: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
          capabilities: z.strictObject({
            modeSelectable: z.strictObject({ PREPAID: z.boolean(), POSTPAID_BY_HOUR: z.boolean() }),
            editionConversionByApi: z.boolean(),
            migrationEstimates: z.boolean(),
            usageMetrics: z.boolean(),
          }),
        }),
        instances: z.array(plannedInstanceSchema()),
        summary: z.strictObject({
          instances: count(),
          unchanged: count(),
          upgrades: count(),
          scaleDowns: count(),
          blocked: count(),
          migrations: count(),
          hasChanges: z.boolean(),
          monthlyDelta: z.number().nullable(),
          currency: z.string().max(16),
          verdict: text(),
        }),
        digest: z.string().regex(SHA256_PATTERN),
      })
      .describe('A ckafka-iac upgrade plan (ckafka plan --out)'),
  );
}
