/** The queue's rules: which plan stands for each instance, what is settled, where an entry goes. */
import { decideQueue, recordRun, stateAfter, submissionsOf, type QueueEntry, type QueueState } from '../../src/apply/plan-queue';
import type { Plan } from '../../src/plan/types';
import { parseFleet } from '../../src/spec/parse-fleet';
import type { DesiredFleet } from '../../src/spec/types';
import { SEED, WEEKEND_WINDOW, fleetYaml, newWorld, planFor } from './_harness';

const fleetOf = (yaml: string): DesiredFleet => parseFleet(yaml, { file: 'fleet.yaml' }).value as DesiredFleet;

const UP = fleetYaml({ payments: { bw: 160, rebalance: WEEKEND_WINDOW }, orders: {} });
const UP_MORE = fleetYaml({ payments: { bw: 200, partitions: 1400, rebalance: WEEKEND_WINDOW }, orders: {} });
const AS_IS = fleetYaml({ payments: { rebalance: WEEKEND_WINDOW }, orders: {} });
const WITHOUT_PAYMENTS = fleetYaml({ orders: {} });

let plans: Record<'up' | 'upMore' | 'asIs', Plan>;
beforeAll(async () => {
  const w = newWorld();
  plans = { up: await planFor(w, UP), upMore: await planFor(w, UP_MORE), asIs: await planFor(w, AS_IS) };
});

const entry = (key: string, plan: Plan, state: QueueState = 'pending', records: QueueEntry['records'] = {}): QueueEntry => ({ key, plan, state, records });

describe('decideQueue: one instance of a pending plan', () => {
  it.each<[string, () => QueueEntry[], string, string, RegExp | string]>([
    ['applied when it does what the fleet files declare', () => [entry('1-a', plans.up)], UP, 'apply', ''],
    ['superseded by a later plan that does what they declare', () => [entry('1-a', plans.up), entry('2-b', plans.upMore)], UP_MORE, 'superseded', /superseded by 2-b/],
    ['superseded by a later plan even when that one was applied already', () => [entry('1-a', plans.up), entry('2-b', plans.up, 'applied')], UP, 'superseded', /superseded by 2-b/],
    ['not superseded by a later plan that departs from them (a branch not rebased)', () => [entry('1-a', plans.up), entry('2-b', plans.asIs)], UP, 'apply', ''],
    ['superseded when the fleet files no longer declare it', () => [entry('1-a', plans.up)], WITHOUT_PAYMENTS, 'superseded', 'superseded: the fleet files no longer declare it'],
    ['refused when it departs from them and no later plan does what they declare', () => [entry('1-a', plans.up)], UP_MORE, 'refused', /does not do what the fleet files declare, and no plan merged later does: payments: the plan's target has bandwidthMBps 160/],
    ['settled once done', () => [entry('1-a', plans.up, 'pending', { payments: { instanceId: SEED.payments.id, outcome: 'done', message: '', at: '' } })], UP, 'settled', ''],
    ['merge order, not the order given, decides', () => [entry('2-b', plans.upMore), entry('1-a', plans.up)], UP_MORE, 'superseded', /superseded by 2-b/],
  ])('%s', (_name, entries, yaml, kind, message) => {
    const decided = decideQueue(entries(), fleetOf(yaml)).get('1-a')?.get('payments');
    expect(decided?.kind).toBe(kind);
    if (message !== '') expect(decided && 'message' in decided ? decided.message : '').toMatch(message);
  });

  it('an instance with no change planned is unchanged, whatever the fleet files say about it now', () => {
    expect(decideQueue([entry('1-a', plans.up)], fleetOf(UP_MORE)).get('1-a')?.get('orders')).toEqual({ kind: 'unchanged', message: 'no change planned' });
  });
});

describe('recording a run', () => {
  it('keeps an earlier submission time, settles what was decided without the cloud, and moves the entry once all is settled', () => {
    const e = entry('1-a', plans.up, 'pending', { payments: { instanceId: SEED.payments.id, outcome: 'in-progress', message: '', at: '2026-03-06T17:30:00.000Z', submittedAt: '2026-03-06T17:00:00.000Z' } });
    const decisions = decideQueue([e], fleetOf(UP)).get('1-a') ?? new Map();
    const at = new Date('2026-03-07T05:00:00Z');
    const records = recordRun(e, decisions, [{ name: 'payments', instanceId: SEED.payments.id, outcome: 'done', message: 'already at the target spec', issues: [] }], at);
    expect(records.payments).toEqual({ instanceId: SEED.payments.id, outcome: 'done', message: 'already at the target spec', at: at.toISOString(), submittedAt: '2026-03-06T17:00:00.000Z' });
    expect(records.orders?.outcome).toBe('unchanged');
    expect(stateAfter(e, records)).toBe('applied');
    expect(stateAfter(e, { ...records, payments: { ...records.payments!, outcome: 'superseded' } })).toBe('superseded');
    expect(stateAfter(e, { ...records, payments: { ...records.payments!, outcome: 'deferred' } })).toBe('pending');
  });

  it('reports when changes still running were submitted, from pending plans only', () => {
    const running = { instanceId: SEED.payments.id, outcome: 'in-progress' as const, message: '', at: '', submittedAt: '2026-03-06T17:00:00.000Z' };
    expect(submissionsOf([entry('1-a', plans.up, 'pending', { payments: running })]).get(SEED.payments.id)).toEqual(new Date('2026-03-06T17:00:00.000Z'));
    expect(submissionsOf([entry('1-a', plans.up, 'applied', { payments: running })]).size).toBe(0);
    expect(submissionsOf([entry('1-a', plans.up, 'pending', { payments: { ...running, outcome: 'done' } })]).size).toBe(0);
  });
});
