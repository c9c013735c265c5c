/**
 * Every row of every provisioning rule's table (_provisioning-tables.ts), through the four callers
 * of the rules, which must agree: the construct at synth (cdktf; cdktn runs the same base), the
 * Pulumi provider's `check`, the adapter's create (its request check, before anything is sent) and
 * the emulator's create over the in-process transport. The front ends answer with an issue code at
 * the field; the adapter and the emulator with the API's error code.
 */
import { Testing, TerraformStack } from 'cdktf';
import { CkafkaInstance, TencentcloudProvider } from '../../src/cdktf';
import { createEmulator, createInProcessTransport, createManualClock, createSeedState } from '../../src/cloud/emulator';
import type { CreateInstanceRequest } from '../../src/cloud/port';
import { TencentCkafkaCloud } from '../../src/cloud/tencent/tencent-ckafka-cloud';
import type { CkafkaAction, CkafkaTransport } from '../../src/cloud/transport';
import { CkafkaProvider, type CkafkaInstanceInputs } from '../../src/pulumi';
import { allRows, declarationOf, type Caller, type Row } from './_provisioning-tables';

const NOW = new Date('2026-11-24T03:00:00Z');
const RUNNING_ID = 'ckafka-abc12345';
const CALLERS: readonly Caller[] = ['construct', 'pulumi', 'adapter', 'emulator'];

/** Fields each caller has: Pulumi's inputs and the port's create request have no message size and no zone list. */
const LACKS: Readonly<Record<Caller, readonly string[]>> = {
  construct: [],
  pulumi: ['maxMessageBytes', 'zoneIds'],
  adapter: ['maxMessageBytes', 'zoneIds'],
  emulator: [],
};

/** Why a caller cannot take a row, or `undefined` when it can. */
function cannotExpress(caller: Caller, row: Row): string | undefined {
  if ((row.creating ?? true) === false && (caller === 'adapter' || caller === 'emulator')) return 'only creates';
  const lacking = LACKS[caller].filter((k) => declarationOf(row)[k] !== undefined);
  if (lacking.length > 0) return `has no ${lacking.join(', ')}`;
  return row.inexpressible?.[caller];
}

/** `accepted`, or `refused <code>[@field]`: the front ends' issues at their fields, the API's code on the wire. */
type Verdict = string;

function verdictOfIssues(issues: ReadonlyArray<readonly [code: string, field: string]>): Verdict {
  return issues.length === 0 ? 'accepted' : `refused ${issues.map(([code, field]) => `${code}@${field}`).join(' ')}`;
}

function viaConstruct(row: Row): Verdict {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'kafka');
  new TencentcloudProvider(stack, 'tencentcloud', { region: 'ap-guangzhou' });
  const creating = row.creating ?? true;
  new CkafkaInstance(stack, 'orders', { name: 'orders', ...declarationOf(row), ...(creating ? {} : { instanceId: RUNNING_ID }) } as never);
  try {
    Testing.synth(stack, true);
    return 'accepted';
  } catch (e) {
    // `[kafka/orders] <code> at kafka/orders.<field>: …`, one line per error.
    const found = [...String((e as Error).message).matchAll(/\] (\S+) at kafka\/orders\.(\S+?): /g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);
    if (found.length === 0) throw e;
    return verdictOfIssues(found);
  }
}

const provider = new CkafkaProvider({ logger: { info: () => undefined, warn: () => undefined }, now: () => NOW });

async function viaPulumi(row: Row): Promise<Verdict> {
  const creating = row.creating ?? true;
  const inputs = { name: 'orders', ...declarationOf(row), ...(creating ? {} : { instanceId: RUNNING_ID }) } as unknown as CkafkaInstanceInputs;
  const r = await provider.check({} as CkafkaInstanceInputs, inputs);
  return verdictOfIssues((r.failures ?? []).map((f) => [f.reason.split(':')[0] ?? '', f.property] as const));
}

/**
 * The adapter's createInstance over a transport that records what reaches it and answers a create
 * as the documented tccli example does: `sent` means the request check let it through.
 */
async function viaAdapter(row: Row): Promise<Verdict> {
  const reached: string[] = [];
  const transport: CkafkaTransport = {
    request: async <A extends CkafkaAction>(action: A) => {
      reached.push(action);
      if (!action.startsWith('Create')) return { Result: { TotalCount: 0, InstanceList: [] }, RequestId: 'r-0' } as never;
      return { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: ['20251204581021815942281'], InstanceId: 'ckafka-ma4ab5n5' } }, RequestId: 'r-1' } as never;
    },
    close: () => undefined,
  };
  const cloud = new TencentCkafkaCloud({ region: 'ap-guangzhou', transport, retry: { maxAttempts: 1 } });
  const d = declarationOf(row);
  // As a front end hands it over: the charge type's default applied (the port requires one).
  const request = { name: 'orders', ...d, chargeType: d.chargeType ?? 'PREPAID' } as unknown as CreateInstanceRequest;
  try {
    await cloud.createInstance(request);
    expect(reached.filter((a) => a.startsWith('Create'))).toEqual([request.chargeType === 'PREPAID' ? 'CreateInstancePre' : 'CreatePostPaidInstance']);
    return 'accepted';
  } catch (e) {
    // Refused before anything was sent.
    expect(reached).toEqual([]);
    return `refused ${(e as { code?: string }).code ?? String(e)}`;
  } finally {
    await cloud.close();
  }
}

const SPECIFICATIONS_TYPE: Readonly<Record<string, string>> = { pro: 'profession', advanced: 'premium', standard: 'standard' };

/**
 * The create request on the wire, as the Terraform provider (`ckafkaRequestSetParams`) and the
 * adapter (`createCall`) send it: CreateInstancePre with `Period` "<months>m" (1 month when none is
 * given, as every front end buys) or CreatePostPaidInstance; `MultiZoneFlag` with `ZoneIds`.
 */
function wireCreate(d: Record<string, unknown>): { action: 'CreateInstancePre' | 'CreatePostPaidInstance'; params: Record<string, unknown> } {
  const prepaid = (d.chargeType ?? 'PREPAID') === 'PREPAID';
  const params: Record<string, unknown> = {
    InstanceName: 'orders',
    InstanceType: 1,
    SpecificationsType: SPECIFICATIONS_TYPE[String(d.edition)],
    BandWidth: d.bandwidthMBps,
    DiskSize: d.diskGB,
    Partition: d.partitions,
    ZoneId: d.zoneId,
    VpcId: d.vpcId,
    SubnetId: d.subnetId,
    DiskType: d.diskType,
    KafkaVersion: d.kafkaVersion,
    ...(d.zoneIds === undefined ? {} : { MultiZoneFlag: true, ZoneIds: d.zoneIds }),
    ...(prepaid ? { Period: `${String(d.periodMonths ?? 1)}m` } : {}),
  };
  for (const [k, v] of Object.entries(params)) if (v === undefined) delete params[k];
  return { action: prepaid ? 'CreateInstancePre' : 'CreatePostPaidInstance', params };
}

/** The emulator's create; a message size goes in the ModifyInstanceAttributes the Terraform provider sends right after. */
async function viaEmulator(row: Row): Promise<Verdict> {
  const em = createEmulator({ state: createSeedState({ now: NOW }), clock: createManualClock(NOW), faults: { rateLimitsEnabled: false } });
  const transport = createInProcessTransport(em);
  const d = declarationOf(row);
  try {
    const { action, params } = wireCreate(d);
    const created = (await transport.request(action, params as never)) as { Result?: { Data?: { InstanceId?: string } } };
    if (d.maxMessageBytes !== undefined) await transport.request('ModifyInstanceAttributes', { InstanceId: created.Result?.Data?.InstanceId ?? '', MaxMessageByte: d.maxMessageBytes as number });
    return 'accepted';
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === undefined) throw e;
    return `refused ${code}`;
  } finally {
    await em.close();
  }
}

function run(caller: Caller, row: Row): Verdict | Promise<Verdict> {
  if (caller === 'construct') return viaConstruct(row);
  if (caller === 'pulumi') return viaPulumi(row);
  if (caller === 'adapter') return viaAdapter(row);
  return viaEmulator(row);
}

/** What each caller must answer for `row`. */
function expected(caller: Caller, row: Row): Verdict {
  if (row.refused === undefined) return 'accepted';
  const frontEnd = caller === 'construct' || caller === 'pulumi';
  return frontEnd ? `refused ${row.refused.code}@${row.refused.at}` : `refused ${row.refused.wire ?? 'InvalidParameterValue'}`;
}

describe('the four callers of the provisioning rules agree', () => {
  it.each(allRows())('%s', async (_name, row) => {
    const callers = CALLERS.filter((c) => cannotExpress(c, row) === undefined);
    expect(callers.length).toBeGreaterThanOrEqual(2);
    const answers: Record<string, Verdict> = {};
    for (const c of callers) answers[c] = await run(c, row);
    // A front end may report more than the row's issue (a postpaid Advanced instance is refused for
    // its edition and its billing); the row's issue is among them, and no other caller accepts.
    const shown: Record<string, Verdict> = {};
    for (const c of callers) {
      const answer = answers[c] ?? '';
      const want = expected(c, row);
      shown[c] = want !== 'accepted' && (c === 'construct' || c === 'pulumi') && answer.startsWith('refused ') && answer.split(' ').includes(want.slice('refused '.length)) ? want : answer;
    }
    expect(shown).toEqual(Object.fromEntries(callers.map((c) => [c, expected(c, row)])));
  });

  it('runs every caller on rows of its own, and names why a caller cannot take a row', () => {
    const rows = allRows().map(([, row]) => row);
    for (const c of CALLERS) expect(rows.filter((row) => cannotExpress(c, row) === undefined).length).toBeGreaterThan(10);
    for (const row of rows) for (const [caller, why] of Object.entries(row.inexpressible ?? {})) expect([caller, why]).toEqual([caller, expect.stringMatching(/\S+ \S+ \S+/)]);
  });
});
