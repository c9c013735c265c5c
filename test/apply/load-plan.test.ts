/**
 * Loading a saved plan: JSON, no prototype keys, the format version, the digest, the strict schema,
 * then internal consistency (each rule of checkPlanConsistency once). Every refusal is a coded
 * issue with the path of the field in the plan; nothing throws, whatever the file holds.
 */
import fc from 'fast-check';
import { checkPlanConsistency } from '../../src/apply/check-plan-consistency';
import { loadPlan } from '../../src/apply/load-plan';
import { digestPlan } from '../../src/plan/digest-plan';
import type { Plan } from '../../src/plan/types';
import { renderJson } from '../../src/render';
import type { LooseJson } from '../support/loose-json';
import { HOUR, SEED, T0, WEEKEND_WINDOW, fleetYaml, newWorld, planFor } from './_harness';

type Doc = LooseJson;

/** The plan as JSON, edited, with its digest recomputed (what anyone who can write the file can do). */
function edited(plan: Plan, edit: (doc: Doc) => void): string {
  const doc: Doc = JSON.parse(renderJson(plan));
  edit(doc);
  const { digest: _old, ...body } = doc;
  return JSON.stringify({ ...body, digest: digestPlan(body) });
}

function refusal(text: string): Array<[string, string]> {
  const loaded = loadPlan(text, 'plan.json');
  expect(loaded.plan).toBeUndefined();
  return loaded.issues.map((i) => [i.code, i.path]);
}

let nowPlan: Plan; // orders in place (prepaid), payments migrating (postpaid), both now
let windowPlan: Plan; // payments migrating in the weekend window
let retimePlan: Plan; // payments with a task scheduled in the cloud, re-timed into the window
let conversionPlan: Plan; // legacy-events Standard → Pro: a manual step

beforeAll(async () => {
  nowPlan = await planFor(newWorld(), fleetYaml({ orders: { bw: 240, partitions: 1600 }, payments: { bw: 160 } }));
  windowPlan = await planFor(newWorld(), fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } }));
  const w = newWorld();
  await w.em.scheduleChange({ instanceId: SEED.payments.id, target: { bandwidthMBps: 160, diskGB: 2000, partitions: 1200 }, mode: 'stable', at: new Date(T0.getTime() + 48 * HOUR) });
  retimePlan = await planFor(w, fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW } }));
  conversionPlan = await planFor(newWorld(), fleetYaml({ 'legacy-events': { edition: 'pro', bw: 100, disk: 1500, partitions: 900 } }));
});

describe('loadPlan', () => {
  it('loads the plans the planner writes, as they are', () => {
    for (const plan of [nowPlan, windowPlan, retimePlan, conversionPlan]) expect(loadPlan(renderJson(plan), 'plan.json')).toEqual({ plan, issues: [] });
    expect(retimePlan.instances[0]?.steps.map((s) => s.kind)).toEqual(['retime', 'wait']);
  });

  it.each<[string, () => string, string, string]>([
    ['not JSON', () => '{', 'apply/plan-unreadable', ''],
    ['JSON without formatVersion', () => '[]', 'apply/plan-unreadable', ''],
    ['a __proto__ key, digest kept', () => renderJson(nowPlan).replace('"target": {', '"target": {"__proto__": {"bandwidthMBps": 1200},'), 'apply/plan-invalid', 'instances[0].target.__proto__'],
    ['a constructor key, digest recomputed', () => edited(nowPlan, (d) => (d.summary.constructor = 1)), 'apply/plan-invalid', 'summary.constructor'],
    ['a prototype key in a list item', () => edited(nowPlan, (d) => (d.instances[0].checks[0].prototype = {})), 'apply/plan-invalid', 'instances[0].checks[0].prototype'],
    ['a string format version', () => edited(nowPlan, (d) => (d.formatVersion = '2')), 'apply/plan-format-version', 'formatVersion'],
    ['an edit without a new digest', () => renderJson(nowPlan).replace('"bandwidthMBps": 240', '"bandwidthMBps": 400'), 'apply/plan-modified', 'digest'],
    ['no digest', () => JSON.stringify({ ...nowPlan, digest: undefined }), 'apply/plan-modified', 'digest'],
    ['an unknown top-level key', () => edited(nowPlan, (d) => (d.approvedBy = 'me')), 'apply/plan-invalid', 'approvedBy'],
    ['instances: [null]', () => edited(nowPlan, (d) => (d.instances = [null])), 'apply/plan-invalid', 'instances[0]'],
    ['a step kind that does not exist', () => edited(nowPlan, (d) => (d.instances[0].steps[0].kind = 'delete-instance')), 'apply/plan-invalid', 'instances[0].steps[0].kind'],
    ['a decimal bandwidth', () => edited(nowPlan, (d) => (d.instances[0].target.bandwidthMBps = 240.5)), 'apply/plan-invalid', 'instances[0].target.bandwidthMBps'],
    ['a bad instance id', () => edited(nowPlan, (d) => (d.instances[0].instanceId = 'ckafka-../../x')), 'apply/plan-invalid', 'instances[0].instanceId'],
    ['a re-time not in whole seconds', () => edited(retimePlan, (d) => (d.instances[0].steps[0].at = '2026-03-06T17:00:00.500Z')), 'apply/plan-invalid', 'instances[0].steps[0].at'],
  ])('refuses %s', (_name, text, code, path) => {
    expect(refusal(text())).toContainEqual([code, path]);
  });

  it('refuses nesting deeper than any plan before hashing it', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = renderJson(nowPlan).replace('"summary": "', `"deep": ${deep}, "summary": "`);
    const issues = loadPlan(text, 'plan.json').issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'apply/plan-invalid', message: expect.stringMatching(/nests deeper than 32 levels at instances\[0\]\.deep\[0\]/) })]);
  });

  it('allows 32 levels of nesting and refuses the 33rd, naming its path', () => {
    const nestedAt = (levels: number) =>
      loadPlan(renderJson(nowPlan).replace('"summary": "', `"deep": ${'['.repeat(levels)}${']'.repeat(levels)}, "summary": "`), 'plan.json').issues.map((i) => i.message);
    // `deep` is the third level (instances, [0], deep); each bracket inside it one more.
    expect(nestedAt(30).filter((m) => m.includes('nests deeper'))).toEqual([]);
    expect(nestedAt(31)).toEqual([`plan.json: the plan nests deeper than 32 levels at instances[0].deep${'[0]'.repeat(30)}; no plan does`]);
  });

  it('never throws, whatever JSON it is given, and never loads junk', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, asPlan) => {
        const doc = asPlan && typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, formatVersion: 2 } : value;
        const body = doc as Record<string, unknown>;
        const text = asPlan && typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? JSON.stringify({ ...body, digest: digestPlan(body as unknown as Plan) }) : JSON.stringify(doc);
        const loaded = loadPlan(text, 'plan.json');
        expect(loaded.plan).toBeUndefined();
        expect(loaded.issues.length).toBeGreaterThan(0);
        for (const i of loaded.issues) expect(i.code).toMatch(/^apply\/plan-/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkPlanConsistency', () => {
  const rows: Array<[string, () => Plan, (d: Doc) => void, string]> = [
    ['a second entry with the same name', () => nowPlan, (d) => d.instances.push({ ...d.instances[0], instanceId: 'ckafka-zzzz0000' }), 'instances[2].name'],
    ['a second entry for the same instance', () => nowPlan, (d) => d.instances.push({ ...d.instances[0], name: 'twin' }), 'instances[2].instanceId'],
    ['a window schedule without its window', () => windowPlan, (d) => delete d.instances[0].schedule.window, 'instances[0].schedule.window'],
    ['a now schedule with an end', () => nowPlan, (d) => (d.instances[0].schedule.endsAt = d.createdAt), 'instances[0].schedule.endsAt'],
    ['a window that cannot be scheduled', () => windowPlan, (d) => (d.instances[0].schedule.window.timezone = 'Mars/Olympus'), 'instances[0].schedule.window.timezone'],
    ['a window start outside the window', () => windowPlan, (d) => (d.instances[0].schedule.startsAt = d.createdAt), 'instances[0].schedule.startsAt'],
    ['changes that are not the difference', () => nowPlan, (d) => (d.instances[0].changes[0].to = 400), 'instances[0].changes'],
    ['an upgrade called a scale-down', () => nowPlan, (d) => (d.instances[0].action = 'scale-down'), 'instances[0].action'],
    ['modeSelectable against the capabilities', () => nowPlan, (d) => (d.instances[0].migration.modeSelectable = true), 'instances[0].migration.modeSelectable'],
    ['a mode for a change that migrates nothing', () => nowPlan, (d) => (d.instances[0].migration.mode = 'stable'), 'instances[0].migration.mode'],
    ['steps out of order', () => windowPlan, (d) => d.instances[0].steps.reverse(), 'instances[0].steps'],
    ['a wait for the schedule on a now schedule', () => nowPlan, (d) => d.instances[0].steps.unshift({ kind: 'wait', until: 'schedule', description: '' }), 'instances[0].steps'],
    ['an acting entry without an instance id', () => nowPlan, (d) => (d.instances[0].instanceId = null), 'instances[0].instanceId'],
    ['an acting entry without a fingerprint', () => nowPlan, (d) => (d.instances[0].fingerprint = ''), 'instances[0].fingerprint'],
    ['an acting entry without the observed name', () => nowPlan, (d) => (d.instances[0].observed.name = null), 'instances[0].observed.name'],
    ['an acting entry without the observed spec', () => nowPlan, (d) => (d.instances[0].observed.spec = null), 'instances[0].observed.spec'],
    ['an acting entry without the observed billing', () => nowPlan, (d) => (d.instances[0].observed.chargeType = null), 'instances[0].observed.chargeType'],
    ['an acting entry that changes nothing', () => nowPlan, (d) => Object.assign(d.instances[0], { target: d.instances[0].observed.spec, changes: [] }), 'instances[0].changes'],
    ['an unchanged entry with steps', () => nowPlan, (d) => (d.instances[0].action = 'none'), 'instances[0].action'],
    ['a change that migrates nothing in a window', () => windowPlan, (d) => Object.assign(d.instances[0].migration, { required: false, mode: null }), 'instances[0].schedule.kind'],
    ['an at schedule without its time', () => windowPlan, (d) => Object.assign(d.instances[0].schedule, { kind: 'at', startsAt: null, window: undefined, endsAt: undefined }), 'instances[0].schedule.startsAt'],
    ['a change-spec value that is not the target', () => nowPlan, (d) => (d.instances[1].steps[0].diskGB = 9000), 'instances[1].steps[0].diskGB'],
    ['a change-spec mode that is not the migration mode', () => nowPlan, (d) => (d.instances[1].steps[0].mode = 'high-speed'), 'instances[1].steps[0].mode'],
    ['a change-spec step for an edition the cloud converts only in the console', () => conversionPlan, (d) => (d.instances[0].steps = [{ kind: 'change-spec', bandwidthMBps: 100, diskGB: 1500, partitions: 900, mode: 'stable', description: '' }, { kind: 'wait', until: 'migration', description: '' }]), 'instances[0].steps[0]'],
    ['a wait for a scheduled task none was observed', () => retimePlan, (d) => (d.instances[0].observed.rebalanceAt = null), 'instances[0].observed.rebalanceAt'],
    ['a wait for a scheduled task the schedule does not name', () => retimePlan, (d) => delete d.instances[0].schedule.pendingAt, 'instances[0].schedule.pendingAt'],
    ['a re-time away from the schedule start', () => retimePlan, (d) => (d.instances[0].steps[0].at = '2026-03-07T18:00:00.000Z'), 'instances[0].steps[0].at'],
    ['a re-time on a now schedule', () => retimePlan, (d) => Object.assign(d.instances[0].schedule, { kind: 'now', window: undefined, endsAt: undefined }), 'instances[0].steps[0]'],
    ['no region on a plan that acts', () => nowPlan, (d) => (d.region = null), 'region'],
    ['a summary its entries do not give', () => nowPlan, (d) => (d.summary.verdict = 'No changes'), 'summary'],
  ];

  it.each(rows)('refuses %s (apply/plan-inconsistent)', (_name, plan, edit, path) => {
    expect(refusal(edited(plan(), edit))).toContainEqual(['apply/plan-inconsistent', path]);
  });

  it('says nothing about the plans the planner writes', () => {
    for (const plan of [nowPlan, windowPlan, retimePlan, conversionPlan]) expect(checkPlanConsistency(plan)).toEqual([]);
  });
});
