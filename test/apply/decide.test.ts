/**
 * Apply's decisions as a table: a plan entry (planned by `planFleet` from declared and observed
 * fixtures), what the executor has seen, the time and the options in; the decision out. Every
 * rule in DECISION_RULES and every outcome in INSTANCE_OUTCOMES has a row; no cloud, no clock.
 */
import { CloudError } from '../../src/cloud/port';
import { planFleet } from '../../src/plan';
import type { PlannedInstance } from '../../src/plan/types';
import type { InstanceFacts, ObservedInstance } from '../../src/spec/observed';
import type { DesiredInstance } from '../../src/spec/types';
import { INSTANCE_OUTCOMES } from '../../src/apply/apply-types';
import { decide } from '../../src/apply/decide';
import { DECISION_RULES, type Decision, type DecideOptions, type DecisionKind, type DecisionRule, type Recorded, type Seen } from '../../src/apply/decision';
import { aCapabilities, aDesired, anObserved, aPreflight, NOW, someFacts } from '../support/builders';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (ms: number): Date => new Date(NOW.getTime() + ms);

/** The plan entry of one declared instance against one observed instance, as `planFleet` makes it at NOW. */
function planned(desired: Partial<DesiredInstance>, observed: Partial<ObservedInstance> | null = {}, facts: Partial<InstanceFacts> = {}): PlannedInstance {
  const plan = planFleet({ region: 'ap-guangzhou', instances: [aDesired(desired)] }, observed === null ? [] : [anObserved(observed)], observed === null ? {} : { 'ckafka-abc12345': someFacts(facts) }, {
    now: NOW,
    cloudKind: 'emulator',
    capabilities: aCapabilities(),
    region: 'ap-guangzhou',
  });
  const p = plan.instances[0];
  if (p === undefined) throw new Error('no plan entry');
  return p;
}

const WEEKEND = { window: { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } } as const;
// NOW is Wednesday 10:00 in Shanghai: inside these.
const WEDNESDAY = { window: { days: ['wed'], start: '09:00', end: '18:00', timezone: 'Asia/Shanghai' } } as const;
const WEDNESDAY_FINISH_INSIDE = { window: { ...WEDNESDAY.window, mustFinishInside: true } } as const;
const upgrade = (rebalance: DesiredInstance['upgrade']['rebalance']): Pick<DesiredInstance, 'upgrade'> => ({ upgrade: { rebalance, mode: 'stable' } });

const P = {
  /** Declared as it runs. */
  none: planned({}),
  /** 320 -> 400 MB/s with room in the cluster: no migration, starts at once. */
  inPlace: planned({ bandwidthMBps: 400 }, {}, { migration: { required: false } }),
  /** 320 -> 400 MB/s and 1800 -> 2400 partitions, migrating, due now. */
  migrating: planned({ bandwidthMBps: 400, partitions: 2400 }),
  /** A migration in a weekend window (closed at NOW). */
  weekend: planned({ bandwidthMBps: 400, ...upgrade(WEEKEND) }),
  /** A migration not before three hours from NOW. */
  later: planned({ bandwidthMBps: 400, ...upgrade({ at: at(3 * HOUR).toISOString() }) }),
  /** A migration in a window open at NOW. */
  openWindow: planned({ bandwidthMBps: 400, ...upgrade(WEDNESDAY) }),
  /** A migration in a window open at NOW that it must finish inside (it fits, at NOW). */
  finishInside: planned({ bandwidthMBps: 400, ...upgrade(WEDNESDAY_FINISH_INSIDE) }),
  /** Terraform owns the spec: one manual step. */
  manual: planned({ bandwidthMBps: 400, specOwner: 'terraform' }),
  /** Blocked in the plan by a failing pre-check (replicas out of sync). */
  blocked: planned({ bandwidthMBps: 400 }, {}, { preflight: aPreflight({ outOfSync: [{ topic: 'orders.v1', partitions: ['1'] }] }) }),
  /** Declared by an id the cloud does not have. */
  notFound: planned({ bandwidthMBps: 400, instanceId: 'ckafka-zzz99999' }, null),
  /** A task scheduled in the cloud for Friday; the plan waits for it. */
  pending: planned({ bandwidthMBps: 400 }, { rebalanceAt: '2026-06-05T02:00:00.000Z' }),
  /** The same task, moved to Thursday by the plan. */
  retimed: planned({ bandwidthMBps: 400, ...upgrade({ at: '2026-06-04T02:00:00.000Z' }) }, { rebalanceAt: '2026-06-05T02:00:00.000Z' }),
  /** The same task, moved into the Wednesday window (open at NOW: as soon as it allows). */
  retimedIntoWindow: planned({ bandwidthMBps: 400, ...upgrade(WEDNESDAY) }, { rebalanceAt: '2026-06-05T02:00:00.000Z' }),
};
const RETIME_ONLY: PlannedInstance = { ...P.retimed, steps: P.retimed.steps.filter((s) => s.kind === 'retime') };
const NO_ESTIMATE: PlannedInstance = { ...P.finishInside, migration: { ...P.finishInside.migration, estimatedSeconds: null } };

/** The instance as planned against (320 MB/s, 3000 GB, 1800 partitions, running), with changes. */
const O = (o: Partial<ObservedInstance> = {}): ObservedInstance => anObserved(o);
const UPGRADING = { status: 'upgrading', statusCode: 7 } as const;
const AT_TARGET = { bandwidthMBps: 400 } as const;

const OPTIONS: DecideOptions = {
  ignoreChecks: new Set(),
  wait: false,
  maxWaitMs: 24 * HOUR,
  follow: true,
  startedAt: undefined,
  trackTimeoutMs: 2 * HOUR,
  interrupted: false,
};

const CHECKED = { checks: [], ignored: [] };
const SUBMITTED = { requestId: 'req-1', at: NOW.toISOString(), acceptedBy: 'response', reference: 'deal-1' } as const;
const OURS: Recorded = { attached: false, submitted: SUBMITTED };
const FOUND: Recorded = { attached: true };
const IN_USE = new CloudError('in-use', 'FailedOperation.InstanceBusy', 'a change is running', 'InstanceScalingDown', 'req-2');
const NETWORK = new CloudError('network', 'ClientError.Network', 'socket hang up', 'InstanceScalingDown');

interface Row {
  readonly p: PlannedInstance;
  readonly seen: Seen;
  readonly now?: Date;
  readonly options?: Partial<DecideOptions>;
  readonly rule: DecisionRule;
  readonly kind: DecisionKind;
  /** For `end`: the outcome reported. */
  readonly outcome?: (typeof INSTANCE_OUTCOMES)[number];
  /** More of the decision, as `toMatchObject` compares it. */
  readonly also?: Record<string, unknown>;
}

const look = (observed: ObservedInstance | undefined): Seen => ({ after: 'look', observed });

// prettier-ignore
const TABLE: Readonly<Record<string, Row>> = {
  // The plan alone decides.
  'nothing planned: unchanged, whatever was seen': { p: P.none, seen: { after: 'interrupted', while: 'starting' }, rule: 'nothing-planned', kind: 'end', outcome: 'unchanged' },
  'a manual step: refused, with the console path': { p: P.manual, seen: look(O()), rule: 'manual-step', kind: 'end', outcome: 'refused', also: { result: { issues: [{ code: 'apply/manual-step', remedies: [{ kind: 'replan' }] }] } } },
  'no instance to act on: blocked as planned': { p: P.notFound, seen: look(undefined), rule: 'nothing-to-do', kind: 'end', outcome: 'blocked', also: { result: { issues: [{ code: 'plan/instance-not-found' }] } } },
  'blocked by a failing check in the plan: stays blocked': { p: P.blocked, seen: look(O()), rule: 'blocked-by-plan-checks', kind: 'end', outcome: 'blocked', also: { result: { issues: [{ code: 'apply/check-failed', remedies: [{ kind: 'ignore-check', check: 'replicas-in-sync' }] }] } } },
  'blocked by a failing check in the plan, that check ignored: goes on': { p: P.blocked, seen: look(O()), options: { ignoreChecks: new Set(['replicas-in-sync']) }, rule: 'due', kind: 'start' },

  // From a look.
  'not found: refused as stale': { p: P.inPlace, seen: look(undefined), rule: 'not-found', kind: 'end', outcome: 'refused', also: { result: { issues: [{ code: 'apply/stale' }] } } },
  'at the target and running: done, nothing submitted': { p: P.inPlace, seen: look(O(AT_TARGET)), rule: 'at-target', kind: 'end', outcome: 'done', also: { result: { attached: false, message: expect.stringMatching(/^already at the target spec/) } } },
  'at the target, still upgrading: follow it': { p: P.inPlace, seen: look(O({ ...AT_TARGET, ...UPGRADING })), rule: 'finishing', kind: 'follow', also: { until: 'done', since: NOW, recorded: { attached: true }, say: { state: 'attached' } } },
  'at the target, still upgrading, not following: in progress': { p: P.inPlace, seen: look(O({ ...AT_TARGET, ...UPGRADING })), options: { follow: false }, rule: 'finishing', kind: 'end', outcome: 'in-progress', also: { progress: { statusCode: 7 } } },
  'part-way, upgrading, submitted by an earlier apply: follow it': { p: P.migrating, seen: look(O({ ...AT_TARGET, ...UPGRADING })), options: { startedAt: at(-HOUR) }, rule: 'ours-in-flight', kind: 'follow' },
  'part-way, running, submitted by an earlier apply: ended short': { p: P.migrating, seen: look(O(AT_TARGET)), options: { startedAt: at(-HOUR) }, rule: 'ended-short', kind: 'end', outcome: 'failed', also: { result: { message: 'the change this plan submitted ended short of the target: partitions is 1800 partitions, the target 2400', issues: [{ code: 'apply/verify-mismatch' }] } } },
  'part-way, running, no record of a submit: stale, naming the possibility': { p: P.migrating, seen: look(O(AT_TARGET)), rule: 'stale', kind: 'end', outcome: 'refused', also: { result: { message: expect.stringMatching(/part-way to the target/) } } },
  'spec moved since the plan: stale, both values': { p: P.inPlace, seen: look(O({ partitions: 2000 })), rule: 'stale', kind: 'end', outcome: 'refused', also: { result: { message: expect.stringMatching(/partitions was 1800 partitions when planned, now 2000/), issues: [{ code: 'apply/stale', remedies: [{ kind: 'replan' }] }] } } },
  'renamed since the plan: stale, both names': { p: P.inPlace, seen: look(O({ name: 'orders-old' })), rule: 'stale', kind: 'end', outcome: 'refused', also: { result: { message: 'the plan is stale: its name changed from "orders" to "orders-old"' } } },
  'billing changed since the plan: stale': { p: P.inPlace, seen: look(O({ chargeType: 'POSTPAID_BY_HOUR' })), rule: 'stale', kind: 'end', outcome: 'refused', also: { result: { message: expect.stringMatching(/billing changed from PREPAID to POSTPAID_BY_HOUR/) } } },
  'disk type changed since the plan: stale (the fingerprint)': { p: P.inPlace, seen: look(O({ diskType: 'CLOUD_SSD' })), rule: 'stale', kind: 'end', outcome: 'refused', also: { result: { message: expect.stringMatching(/disk type or storage changed/) } } },
  'a task appeared in the cloud since the plan: stale': { p: P.inPlace, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), rule: 'stale', kind: 'end', outcome: 'refused' },
  'the task the plan waits for is gone: stale': { p: P.pending, seen: look(O()), rule: 'stale', kind: 'end', outcome: 'refused', also: { result: { message: expect.stringMatching(/is gone/) } } },
  'upgrading from the planned spec: follow it': { p: P.migrating, seen: look(O(UPGRADING)), rule: 'running-change', kind: 'follow', also: { recorded: { attached: true } } },
  'the task the plan waits for has started: follow it': { p: P.pending, seen: look(O(UPGRADING)), rule: 'running-change', kind: 'follow' },
  'upgrading, not following, started long ago: running past its time': { p: P.migrating, seen: look(O(UPGRADING)), options: { follow: false, startedAt: at(-3 * HOUR) }, rule: 'running-change', kind: 'end', outcome: 'running', also: { result: { issues: [{ code: 'apply/still-running' }] } } },
  'isolated: refused, not running': { p: P.inPlace, seen: look(O({ status: 'isolated', statusCode: 5 })), rule: 'not-running', kind: 'end', outcome: 'refused', also: { result: { issues: [{ code: 'apply/instance-not-running' }] } } },
  'a task scheduled in the cloud: scheduled, nothing submitted': { p: P.pending, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), rule: 'scheduled-in-cloud', kind: 'end', outcome: 'scheduled', also: { result: { message: 'scheduled in the cloud for 2026-06-05T02:00:00.000Z' } } },
  'a task this plan re-timed already: scheduled, re-timed once': { p: P.retimed, seen: look(O({ rebalanceAt: '2026-06-04T02:00:00.000Z' })), rule: 'scheduled-in-cloud', kind: 'end', outcome: 'scheduled' },
  'a task the plan re-times: re-time it': { p: P.retimed, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), rule: 'retime', kind: 'retime', also: { to: new Date('2026-06-04T02:00:00.000Z') } },
  'a re-time into the open window, a little later: a minute from now': { p: P.retimedIntoWindow, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), now: at(10 * MINUTE + 500), rule: 'retime', kind: 'retime', also: { to: at(11 * MINUTE + 1000) } },
  'a re-time whose time has passed: refused as stale': { p: P.retimed, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), now: new Date('2026-06-04T03:00:00.000Z'), rule: 'retime-passed', kind: 'end', outcome: 'refused', also: { result: { issues: [{ code: 'apply/stale' }] } } },
  'a re-time into a window that has closed: refused as stale': { p: P.retimedIntoWindow, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), now: at(9 * HOUR), rule: 'retime-passed', kind: 'end', outcome: 'refused' },
  'a re-time, interrupted: skipped': { p: P.retimed, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), options: { interrupted: true }, rule: 'interrupted-before-retime', kind: 'end', outcome: 'skipped' },
  'a re-time with no task to wait for, nor a change to submit: blocked': { p: RETIME_ONLY, seen: look(O({ rebalanceAt: '2026-06-05T02:00:00.000Z' })), rule: 'no-change-step', kind: 'end', outcome: 'blocked' },
  'outside its window: deferred to the next opening': { p: P.weekend, seen: look(O()), rule: 'not-due', kind: 'end', outcome: 'deferred', also: { result: { startsAt: '2026-06-05T17:00:00.000Z', message: 'outside its window: it may start at 2026-06-05T17:00:00.000Z' } } },
  'outside its window, waiting: wait until it opens': { p: P.weekend, seen: look(O()), options: { wait: true, maxWaitMs: 3 * 24 * HOUR }, rule: 'not-due', kind: 'wait-until', also: { until: new Date('2026-06-05T17:00:00.000Z'), say: { state: 'waiting', message: 'waiting until 2026-06-05T17:00:00.000Z (its window opens)' } } },
  'outside its window, beyond the longest wait: deferred': { p: P.weekend, seen: look(O()), options: { wait: true }, rule: 'not-due', kind: 'end', outcome: 'deferred', also: { result: { message: expect.stringMatching(/beyond the longest wait allowed/) } } },
  'outside its window, waiting, interrupted: deferred': { p: P.weekend, seen: look(O()), options: { wait: true, maxWaitMs: 3 * 24 * HOUR, interrupted: true }, rule: 'not-due', kind: 'end', outcome: 'deferred' },
  'before its time: deferred to it': { p: P.later, seen: look(O()), rule: 'not-due', kind: 'end', outcome: 'deferred', also: { result: { startsAt: at(3 * HOUR).toISOString(), message: expect.stringMatching(/^before its time/) } } },
  'at its time: due': { p: P.later, seen: look(O()), now: at(3 * HOUR), rule: 'due', kind: 'start', also: { schedule: P.later.schedule } },
  'no room left in a window it must finish inside: deferred to the next opening with room': { p: P.finishInside, seen: look(O()), now: at(6 * HOUR), rule: 'window-too-short', kind: 'end', outcome: 'deferred', also: { result: { startsAt: '2026-06-10T01:00:00.000Z' } } },
  'no room left, waiting: wait for the next opening with room': { p: P.finishInside, seen: look(O()), now: at(6 * HOUR), options: { wait: true, maxWaitMs: 8 * 24 * HOUR }, rule: 'window-too-short', kind: 'wait-until', also: { until: new Date('2026-06-10T01:00:00.000Z') } },
  'a window it must finish inside, no estimate: blocked (fail closed)': { p: NO_ESTIMATE, seen: look(O()), rule: 'window-never-fits', kind: 'end', outcome: 'blocked', also: { result: { issues: [{ code: 'apply/check-failed' }] } } },
  'inside a window it fits: due, judged against this occurrence': { p: P.finishInside, seen: look(O()), rule: 'due', kind: 'start', also: { schedule: { startsAt: NOW.toISOString(), endsAt: '2026-06-03T10:00:00.000Z' } } },
  'inside its window, late in it: due whatever is left': { p: P.openWindow, seen: look(O()), now: at(7 * HOUR + 50 * MINUTE), rule: 'due', kind: 'start' },
  'due now: start': { p: P.inPlace, seen: look(O()), rule: 'due', kind: 'start', also: { schedule: P.inPlace.schedule } },

  // From what the executor did or met since.
  'interrupted before it started: skipped': { p: P.inPlace, seen: { after: 'interrupted', while: 'starting' }, rule: 'interrupted-before-start', kind: 'end', outcome: 'skipped' },
  'interrupted while waiting for its window: deferred': { p: P.weekend, seen: { after: 'interrupted', while: 'waiting', until: new Date('2026-06-05T17:00:00.000Z') }, rule: 'interrupted-waiting', kind: 'end', outcome: 'deferred', also: { result: { startsAt: '2026-06-05T17:00:00.000Z', message: expect.stringMatching(/^interrupted while waiting/) } } },
  'interrupted while queued for a running change: skipped': { p: P.migrating, seen: { after: 'interrupted', while: 'queued' }, rule: 'interrupted-queued', kind: 'end', outcome: 'skipped', also: { result: { message: expect.stringMatching(/nothing was submitted/) } } },
  'changes past their tracking fill the running limit: deferred': { p: P.migrating, seen: { after: 'no-room', stuck: 2, limit: 2 }, rule: 'no-room', kind: 'end', outcome: 'deferred', also: { result: { message: expect.stringMatching(/2 change\(s\) still running in the cloud fill the limit of 2/) } } },
  'admitted: check': { p: P.inPlace, seen: { after: 'admitted', observed: O(), schedule: P.inPlace.schedule }, rule: 'admitted', kind: 'check', also: { say: { state: 'checking' } } },
  'admitted, interrupted: skipped': { p: P.inPlace, seen: { after: 'admitted', observed: O(), schedule: P.inPlace.schedule }, options: { interrupted: true }, rule: 'interrupted-before-checks', kind: 'end', outcome: 'skipped' },
  'checked, interrupted: skipped': { p: P.inPlace, seen: { after: 'checked', observed: O(), facts: someFacts({ migration: { required: false } }), schedule: P.inPlace.schedule }, options: { interrupted: true }, rule: 'interrupted-during-checks', kind: 'end', outcome: 'skipped' },
  'checked, "no migration" cannot be asked again: blocked (fail closed)': { p: P.inPlace, seen: { after: 'checked', observed: O(), facts: { preflight: aPreflight(), errors: [{ what: 'migration', code: 'ResourceUnavailable', message: 'down' }] }, schedule: P.inPlace.schedule }, rule: 'migration-unverified', kind: 'end', outcome: 'blocked', also: { result: { issues: [{ code: 'apply/migration-unverified', remedies: [{ kind: 'apply-again' }, { kind: 'replan' }] }] } } },
  'checked, it would migrate now: refused as stale': { p: P.inPlace, seen: { after: 'checked', observed: O(), facts: someFacts(), schedule: P.inPlace.schedule }, rule: 'migration-now', kind: 'end', outcome: 'refused', also: { result: { issues: [{ code: 'apply/stale' }] } } },
  'checked, a pre-check fails now: blocked': { p: P.migrating, seen: { after: 'checked', observed: O(), facts: someFacts({ preflight: aPreflight({ outOfSync: [{ topic: 'orders.v1', partitions: ['1'] }] }) }), schedule: P.migrating.schedule }, rule: 'check-failed', kind: 'end', outcome: 'blocked', also: { result: { message: 'pre-check failed: replicas-in-sync' } } },
  'checked, a prerequisite cannot be verified: blocked': { p: P.migrating, seen: { after: 'checked', observed: O(), facts: { migration: { required: true }, errors: [{ what: 'preflight', code: 'RequestLimitExceeded', message: 'throttled' }] }, schedule: P.migrating.schedule }, rule: 'check-failed', kind: 'end', outcome: 'blocked', also: { result: { message: expect.stringMatching(/^pre-check could not be verified: /) } } },
  'checked, the failing check ignored: look once more, recording it': { p: P.migrating, seen: { after: 'checked', observed: O(), facts: someFacts({ preflight: aPreflight({ outOfSync: [{ topic: 'orders.v1', partitions: ['1'] }] }) }), schedule: P.migrating.schedule }, options: { ignoreChecks: new Set(['replicas-in-sync']) }, rule: 'checks-pass', kind: 'confirm', also: { checked: { ignored: ['replicas-in-sync'] } } },
  'checked, all pass: look once more': { p: P.inPlace, seen: { after: 'checked', observed: O(), facts: someFacts({ migration: { required: false } }), schedule: P.inPlace.schedule }, rule: 'checks-pass', kind: 'confirm' },
  'confirmed: submit the reviewed step on the entry\'s instance': { p: P.inPlace, seen: { after: 'confirmed', observed: O(), checked: CHECKED }, rule: 'confirmed', kind: 'submit', also: { request: { instanceId: 'ckafka-abc12345', bandwidthMBps: 400, diskGB: 3000, partitions: 1800, mode: 'stable' }, say: { state: 'submitting' } } },
  'confirmed, interrupted: skipped, with the checks': { p: P.inPlace, seen: { after: 'confirmed', observed: O(), checked: CHECKED }, options: { interrupted: true }, rule: 'interrupted-before-submit', kind: 'end', outcome: 'skipped', also: { result: { checks: [] } } },
  'another apply submitted since the checks: decide afresh (follow)': { p: P.migrating, seen: { after: 'confirmed', observed: O(UPGRADING), checked: CHECKED }, rule: 'running-change', kind: 'follow' },
  'submitted: follow to the end': { p: P.inPlace, seen: { after: 'submitted', observed: O(), since: NOW, submitted: SUBMITTED, checked: CHECKED }, rule: 'submitted', kind: 'follow', also: { until: 'done', recorded: { attached: false, submitted: SUBMITTED, checks: [] } } },
  'submitted, not following: follow until it starts': { p: P.inPlace, seen: { after: 'submitted', observed: O(), since: NOW, submitted: SUBMITTED, checked: CHECKED }, options: { follow: false }, rule: 'submitted', kind: 'follow', also: { until: 'started' } },
  'the submit did not reach the cloud: failed': { p: P.inPlace, seen: { after: 'submit-failed', error: NETWORK, checked: CHECKED }, rule: 'submit-failed', kind: 'end', outcome: 'failed', also: { result: { issues: [{ code: 'apply/submit-failed' }] } } },
  'the cloud refused the submit: look': { p: P.inPlace, seen: { after: 'submit-failed', error: IN_USE, checked: CHECKED }, rule: 'submit-refused', kind: 'look-after-refusal' },
  'refused, and a change runs now: follow it': { p: P.inPlace, seen: { after: 'refusal-looked', error: IN_USE, observed: O(UPGRADING), checked: CHECKED }, rule: 'started-meanwhile', kind: 'follow', also: { say: { state: 'attached', message: 'a change started meanwhile: following it' }, recorded: { attached: true, checks: [] } } },
  'refused, and it is at the target: done': { p: P.inPlace, seen: { after: 'refusal-looked', error: IN_USE, observed: O(AT_TARGET), checked: CHECKED }, rule: 'finished-meanwhile', kind: 'end', outcome: 'done', also: { result: { attached: true } } },
  'refused, and nothing to see: failed': { p: P.inPlace, seen: { after: 'refusal-looked', error: IN_USE, observed: O(), checked: CHECKED }, rule: 'refused-without-change', kind: 'end', outcome: 'failed', also: { result: { message: 'submitting the new spec failed: InstanceScalingDown failed: FailedOperation.InstanceBusy: a change is running (request req-2)' } } },
  're-timed: scheduled at the new time': { p: P.retimed, seen: { after: 'retimed', to: new Date('2026-06-04T02:00:00.000Z') }, rule: 'retimed', kind: 'end', outcome: 'scheduled', also: { result: { startsAt: '2026-06-04T02:00:00.000Z' } } },
  'the re-time failed: failed': { p: P.retimed, seen: { after: 'retime-failed', error: IN_USE }, rule: 'retime-failed', kind: 'end', outcome: 'failed' },
  'followed until it started: in progress, with its ETA': { p: P.migrating, seen: { after: 'tracked', outcome: { kind: 'started', observed: O(UPGRADING) }, since: NOW, recorded: OURS }, now: at(5 * MINUTE), rule: 'tracked-started', kind: 'end', outcome: 'in-progress', also: { result: { expectedDoneAt: at(16_600_000).toISOString(), elapsedSeconds: 300 } } },
  'followed to the end: done (applied)': { p: P.inPlace, seen: { after: 'tracked', outcome: { kind: 'done', observed: O(AT_TARGET) }, since: NOW, recorded: OURS }, now: at(5 * MINUTE), rule: 'tracked-done', kind: 'end', outcome: 'done', also: { result: { message: expect.stringMatching(/^applied: /), elapsedSeconds: 300 } } },
  'followed a found change to the end: done (attached)': { p: P.inPlace, seen: { after: 'tracked', outcome: { kind: 'done', observed: O({ ...AT_TARGET, endpoints: [{ vip: '10.0.0.8', vport: '9093' }] }) }, since: NOW, recorded: FOUND }, rule: 'tracked-done', kind: 'end', outcome: 'done', also: { result: { attached: true, message: expect.stringMatching(/^finished \(followed the running change\).*endpoints changed$/) } } },
  'ended off the target: failed': { p: P.inPlace, seen: { after: 'tracked', outcome: { kind: 'mismatch', observed: O(), reason: 'the change finished but the instance is not at the target spec' }, since: NOW, recorded: OURS }, rule: 'tracked-mismatch', kind: 'end', outcome: 'failed', also: { result: { issues: [{ code: 'apply/verify-mismatch' }] } } },
  'disappeared while upgrading: failed': { p: P.inPlace, seen: { after: 'tracked', outcome: { kind: 'gone' }, since: NOW, recorded: OURS }, rule: 'tracked-gone', kind: 'end', outcome: 'failed' },
  'outlived its tracking: running': { p: P.migrating, seen: { after: 'tracked', outcome: { kind: 'timeout' }, since: NOW, recorded: OURS }, now: at(3 * HOUR), rule: 'tracked-timeout', kind: 'end', outcome: 'running', also: { result: { issues: [{ code: 'apply/still-running' }] } } },
  'interrupted while following: running': { p: P.migrating, seen: { after: 'tracked', outcome: { kind: 'interrupted' }, since: NOW, recorded: OURS }, rule: 'tracked-interrupted', kind: 'end', outcome: 'running', also: { result: { issues: [{ code: 'apply/interrupted', remedies: [{ kind: 'apply-again' }] }] } } },
  'a read failed after retries: failed, apply again': { p: P.inPlace, seen: { after: 'unreachable', error: new CloudError('unavailable', 'InternalError', 'down', 'DescribeInstancesDetail') }, rule: 'unreachable', kind: 'end', outcome: 'failed', also: { result: { message: 'could not reach the cloud: InternalError: down' } } },
};

function decideRow(row: Row): Decision {
  return decide(row.p, row.seen, row.now ?? NOW, { ...OPTIONS, ...row.options });
}

describe('decide', () => {
  it.each(Object.entries(TABLE))('%s', (_name, row) => {
    const d = decideRow(row);
    expect({ rule: d.rule, kind: d.kind }).toEqual({ rule: row.rule, kind: row.kind });
    if (row.outcome !== undefined) expect(d).toMatchObject({ result: { outcome: row.outcome } });
    if (row.also !== undefined) expect(d).toMatchObject(row.also);
  });

  it('has a row for every rule and every outcome apply can report', () => {
    const rows = Object.values(TABLE);
    const rules = new Set(rows.map((r) => decideRow(r).rule));
    const outcomes = new Set(rows.flatMap((r) => {
      const d = decideRow(r);
      return d.kind === 'end' ? [d.result.outcome] : [];
    }));
    expect(DECISION_RULES.filter((r) => !rules.has(r))).toEqual([]);
    expect(INSTANCE_OUTCOMES.filter((o) => !outcomes.has(o))).toEqual([]);
  });

  it('names no CLI flag in any report: remedies are data', () => {
    for (const row of Object.values(TABLE)) {
      const d = decideRow(row);
      if (d.kind !== 'end') continue;
      expect(JSON.stringify(d.result)).not.toMatch(/--[a-z]/);
    }
  });
});
