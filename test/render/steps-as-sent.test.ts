/**
 * What the reviewer reads is what is sent: every step apply performs, in every golden plan, goes
 * through the adapter over a recording transport, and the request it sends must be the API call
 * the rendered plan shows for that step, action and parameters, character for character.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as M from 'tencentcloud-sdk-nodejs-ckafka/tencentcloud/services/ckafka/v20190819/ckafka_models';
import { createTencentCloud } from '../../src/cloud/tencent';
import type { CkafkaTransport } from '../../src/cloud/transport';
import { planFleet } from '../../src/plan/plan-fleet';
import type { Plan, PlannedInstance } from '../../src/plan/types';
import { renderMarkdown, renderText } from '../../src/render';
import { aCapabilities, aDesired, anObserved, someFacts } from '../support/builders';
import { GOLDEN_FIXTURES } from './fixtures';

interface Sent {
  readonly action: string;
  readonly params: Record<string, unknown>;
}

/** The instance as DescribeInstancesDetail would list it: the billing and state the plan was made against. */
function detailOf(p: PlannedInstance): M.InstanceDetail {
  const spec = p.observed.spec;
  return {
    InstanceId: p.instanceId ?? '',
    InstanceName: p.name,
    Status: 1,
    Bandwidth: (spec?.bandwidthMBps ?? 0) * 8,
    DiskSize: spec?.diskGB ?? 0,
    MaxPartitionNumber: spec?.partitions ?? 0,
    PartitionNumber: 0,
    TopicNum: 0,
    InstanceType: 'profession',
    ExpireTime: p.observed.chargeType === 'PREPAID' ? 1_900_000_000 : 0,
    RebalanceTime: p.observed.rebalanceAt === null ? '0000-00-00 00:00:00' : '2099-01-01 00:00:00',
  };
}

/** Answers reads with the instance and accepts every write, recording the writes. */
function recordingTransport(p: PlannedInstance, sent: Sent[]): CkafkaTransport {
  return {
    async request(action, params) {
      if (action === 'DescribeInstancesDetail') return { Result: { TotalCount: 1, InstanceList: [detailOf(p)] }, RequestId: 'r' } as never;
      sent.push({ action, params: JSON.parse(JSON.stringify(params)) as Record<string, unknown> });
      return { Result: { ReturnCode: '0', ReturnMessage: 'ok', Data: { FlowId: 0, DealNames: ['d'] }, DealNames: ['d'] }, RequestId: 'w' } as never;
    },
    close() {},
  };
}

/** The writes the adapter sends for the steps of one planned instance, in step order. */
async function sendSteps(p: PlannedInstance): Promise<Sent[]> {
  const sent: Sent[] = [];
  const cloud = createTencentCloud({ region: 'ap-guangzhou', transport: recordingTransport(p, sent) });
  const id = p.instanceId ?? '';
  for (const step of p.steps) {
    if (step.kind === 'change-spec') {
      await cloud.submitSpecChange({ instanceId: id, bandwidthMBps: step.bandwidthMBps, diskGB: step.diskGB, partitions: step.partitions, mode: step.mode });
    } else if (step.kind === 'retime') {
      await cloud.retimeRebalance(id, new Date(step.at));
    }
  }
  await cloud.close();
  return sent;
}

/** How the renderers show a call: the action, then `Key=value` pairs in the order sent. */
function shown(s: Sent): string {
  return `${s.action} ${Object.entries(s.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')}`;
}

const goldenPlan = (): Plan => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'plan', 'golden', 'fleet-plan.json'), 'utf8')) as Plan;

/** A change the cloud already has scheduled, re-timed to the declared time: the plan's `retime` step. */
function retimePlan(): Plan {
  const now = new Date('2026-06-03T02:00:00Z');
  return planFleet(
    { region: 'ap-guangzhou', instances: [aDesired({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000, upgrade: { rebalance: { at: '2026-06-07T03:00:00+08:00' }, mode: 'stable' } })] },
    [anObserved({ rebalanceAt: '2026-06-06T01:00:00.000Z' })],
    { 'ckafka-abc12345': someFacts() },
    { now, cloudKind: 'tencent', capabilities: aCapabilities() },
  );
}

// The hostile fixture's ids are escaped in the output, by design; its steps are checked by the renderer tests.
const PLANS: ReadonlyArray<readonly [string, () => Plan]> = [
  ['fleet-plan.json (planFleet)', goldenPlan],
  ['a re-timed scheduled change (planFleet)', retimePlan],
  ...GOLDEN_FIXTURES.filter(([name]) => name !== 'hostile'),
];

const acts = (p: PlannedInstance): boolean => p.instanceId !== null && p.steps.some((s) => s.kind === 'change-spec' || s.kind === 'retime');

it('the plans checked below send every kind of write a plan can hold', async () => {
  const actions = new Set<string>();
  for (const [, make] of PLANS) for (const p of make().instances.filter(acts)) for (const s of await sendSteps(p)) actions.add(s.action);
  expect([...actions].sort()).toEqual(['InstanceScalingDown', 'ModifyInstanceAttributes', 'ModifyInstancePre']);
});

describe.each(PLANS.filter(([, make]) => make().instances.some(acts)))('the API calls shown in %s are the requests sent', (_name, make) => {
  const plan = make();
  it.each(plan.instances.filter(acts).map((p) => [p.name, p] as const))('%s: text and markdown show each request exactly', async (_n, p) => {
    const sent = await sendSteps(p);
    expect(sent).toHaveLength(p.steps.filter((s) => s.kind === 'change-spec' || s.kind === 'retime').length);
    const text = renderText(plan, { width: 1000 });
    const markdown = renderMarkdown(plan);
    for (const s of sent) {
      expect(text).toContain(shown(s));
      expect(markdown).toContain(`\`${s.action}\` \`${shown(s).slice(s.action.length + 1)}\``);
    }
  });
});
