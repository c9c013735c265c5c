/**
 * Pre-checks of a spec change: the prerequisites the upgrade documentation lists, and a warning
 * for each documented failure cause. Pure, so apply can run them again on fresh facts.
 */
import type { Endpoint, InstanceFacts, ObservedInstance, PreflightFacts, RouteFact } from '../spec/observed';
import type { SpecValues } from '../spec/types';
import { describeWindow, formatDuration, formatNumber, listSome, plural } from './words';
import { isScaleDown, specChanges } from './spec-changes';
import type { CheckId, PlanCheck, PlanMigration, PlanSchedule } from './types';

/** Brokers created by a migration accept messages up to this size unless told otherwise. */
export const NEW_BROKER_MAX_MESSAGE_BYTES = 1_048_576;

/** Produce traffic above this share of the current bandwidth makes a high-speed migration risky. */
export const HIGH_SPEED_LOAD_SHARE = 0.5;

/** What {@link runChecks} looks at. Apply passes the reviewed plan's values and freshly gathered facts. */
export interface CheckContext {
  readonly observed: ObservedInstance;
  readonly target: SpecValues;
  /** `modeSelectable` false: the cloud picks the mode (prepaid), which may be high-speed. @default true */
  readonly migration: Pick<PlanMigration, 'required' | 'mode' | 'estimatedSeconds'> & { readonly modeSelectable?: boolean };
  readonly schedule: Pick<PlanSchedule, 'kind' | 'startsAt' | 'endsAt' | 'window' | 'pendingAt'>;
  /** Facts gathered for the instance; checks that need missing facts warn "not checked". */
  readonly facts?: InstanceFacts;
}

/** The status of a route the cloud reported none for (`RouteFact.statusCode`). */
const ROUTE_STATUS_UNKNOWN = -1;
const ROUTE_STATUS: Readonly<Record<number, string>> = { 1: 'creating', 2: 'ok', 3: 'create failed', 4: 'deleting', 6: 'delete failed' };
const VIP_TYPE: Readonly<Record<number, string>> = { 1: 'public', 3: 'VPC', 7: 'internal support' };
const FACT_LABELS: Readonly<Record<keyof PreflightFacts, string>> = {
  routes: 'the access routes',
  topics: 'the topics',
  outOfSync: 'replica sync for every topic',
  maxMessageBytes: 'the maximum message size',
  zoneInStock: 'the stock of the zone',
  diskUsedGB: 'the data held',
  produceMBps: 'the produce traffic',
  peakProduceMBps7d: 'the peak produce traffic',
  errors: 'the errors',
};
const TOPIC_STATUS: Readonly<Record<number, string>> = { 1: 'deleted', 2: 'being deleted' };

function routeName(r: RouteFact): string {
  const status = ROUTE_STATUS[r.statusCode] ?? `status ${r.statusCode}`;
  return `${VIP_TYPE[r.vipType] ?? `type ${r.vipType}`} route ${r.routeId} (${status})`;
}

function endpointText(e: Endpoint): string {
  return `${e.vip}:${e.vport}`;
}

function allHealthy(n: number, noun: string): string {
  if (n === 0) return `no ${noun}s to check`;
  return n === 1 ? `the ${noun} is healthy` : `all ${plural(n, noun)} are healthy`;
}

function check(id: CheckId, status: PlanCheck['status'], message: string, hint?: string): PlanCheck {
  return hint === undefined ? { id, status, message } : { id, status, message, hint };
}

/**
 * Runs the checks that apply to a change, in `CHECK_IDS` order.
 *
 * Always: `routes-healthy`, `replicas-in-sync`, `no-unfinished-tasks`, `topics-healthy`,
 * `zone-stock`. When data migrates or may (`required` not `false`): `max-message-bytes`,
 * `ports-may-change`, `single-replica-topics`, and `high-speed-under-load` in high-speed mode.
 * `scale-down-usage` for a decrease, `window-fits` for a window schedule. A check whose facts
 * are missing warns "not checked: <reason>" rather than guessing.
 */
export function runChecks(context: CheckContext): PlanCheck[] {
  const { observed, target, migration, schedule, facts } = context;
  const migrates = migration.required !== false;
  const pre = facts?.preflight;
  const generalError = facts?.errors?.find((e) => e.what === 'preflight' && e.fact === undefined);
  // Why a fact is missing: its own error when the adapter reported one, else the general reason.
  const reasonFor = (fact: keyof PreflightFacts): string => {
    const own = pre?.errors?.find((e) => e.fact === fact) ?? facts?.errors?.find((e) => e.what === 'preflight' && e.fact === fact);
    if (own !== undefined) return `${FACT_LABELS[fact]} could not be read (${own.code}: ${own.message})`;
    if (pre !== undefined) return `the cloud did not report ${FACT_LABELS[fact]}`;
    return generalError === undefined
      ? 'the pre-check facts were not gathered'
      : `the pre-check facts could not be gathered (${generalError.code}: ${generalError.message})`;
  };
  const notChecked = (id: CheckId, fact: keyof PreflightFacts, hint = 're-run the plan when the cloud answers, or check it in the console'): PlanCheck => ({
    ...check(id, 'warn', `not checked: ${reasonFor(fact)}`, hint),
    notChecked: true,
  });

  const checks: PlanCheck[] = [];

  const routes = pre?.routes;
  // A route the cloud gave no status for (the documented DescribeRoute answer has none) is not
  // known to be broken: it makes the check "not checked", not failed.
  const unknownRoutes = (routes ?? []).filter((r) => r.statusCode === ROUTE_STATUS_UNKNOWN);
  if (routes === undefined) checks.push(notChecked('routes-healthy', 'routes'));
  else {
    const broken = routes.filter((r) => !r.healthy && r.statusCode !== ROUTE_STATUS_UNKNOWN);
    checks.push(
      broken.length === 0 && unknownRoutes.length > 0
        ? {
            ...check(
              'routes-healthy',
              'warn',
              `not checked: the cloud gave no status for ${plural(unknownRoutes.length, 'access route')} (${listSome(unknownRoutes.map((r) => `${VIP_TYPE[r.vipType] ?? `type ${r.vipType}`} route ${r.routeId}`))}), so ${unknownRoutes.length === 1 ? 'its' : 'their'} health could not be verified`,
              'check the routes in the console (instance › Access Mode); if they show ok there, accept the unverified check on purpose',
            ),
            notChecked: true as const,
          }
        : broken.length === 0
        ? check('routes-healthy', 'pass', allHealthy(routes.length, 'access route'))
        : check(
            'routes-healthy',
            'fail',
            `${plural(broken.length, 'access route')} ${broken.length === 1 ? 'is' : 'are'} not healthy: ${listSome(broken.map(routeName))}; the upgrade documentation requires every route healthy before a spec change`,
            'repair or delete the broken route in the console (instance › Access Mode), wait until it shows ok, then re-plan',
          ),
    );
  }

  // A partial answer still proves lagging replicas; only "all in sync" needs the full answer.
  const lagging = (pre?.outOfSync ?? []).filter((t) => t.partitions.length > 0);
  const syncIncomplete = pre?.outOfSync === undefined || pre.errors?.some((e) => e.fact === 'outOfSync') === true;
  if (lagging.length > 0) {
    const total = lagging.reduce((n, t) => n + t.partitions.length, 0);
    const named = lagging.map((t) => `${t.topic} (${t.partitions.length > 4 ? `${t.partitions.slice(0, 4).join(', ')}, …` : t.partitions.join(', ')})`);
    checks.push(
      check(
        'replicas-in-sync',
        'fail',
        `${plural(total, 'partition')} of ${plural(lagging.length, 'topic')} ${total === 1 ? 'has' : 'have'} out-of-sync replicas: ${listSome(named)}; the upgrade documentation requires every replica in sync before a spec change`,
        'wait for the replicas to catch up (look at broker load and disk usage), then re-plan',
      ),
    );
  } else if (syncIncomplete) {
    checks.push(notChecked('replicas-in-sync', 'outOfSync'));
  } else {
    checks.push(check('replicas-in-sync', 'pass', 'every replica is in sync'));
  }

  if (observed.status === 'upgrading') {
    checks.push(
      check(
        'no-unfinished-tasks',
        'fail',
        `a change is already running on this instance (status upgrading, ${observed.statusCode})`,
        'wait for it to finish, then re-plan; if it is the change from an earlier plan, applying that plan again follows it to the end',
      ),
    );
  } else if (observed.status !== 'running') {
    checks.push(
      check(
        'no-unfinished-tasks',
        'fail',
        `the instance is ${observed.status} (status ${observed.statusCode}), not running`,
        'wait until the instance is running (or renew it if isolated), then re-plan',
      ),
    );
  } else if (observed.rebalanceAt !== undefined && schedule.pendingAt === undefined) {
    // The planner takes a RebalanceTime that has passed as a task that ran; one the cloud adapter
    // still reports may not have run yet, since the zone of the API's time string is not stated.
    checks.push(
      check(
        'no-unfinished-tasks',
        'fail',
        `a task was scheduled in the cloud for ${observed.rebalanceAt} (RebalanceTime read as Beijing time); the API does not state the zone, and read as UTC that time is still to come, so the task may not have run yet`,
        `wait until ${new Date(Date.parse(observed.rebalanceAt) + 8 * 3_600_000).toISOString()} or until the console shows the task done, then re-plan`,
      ),
    );
  } else {
    checks.push(
      check(
        'no-unfinished-tasks',
        'pass',
        schedule.pendingAt === undefined
          ? 'no change is running on this instance'
          : `no change is running; the task scheduled in the cloud for ${schedule.pendingAt} is the one this plan waits for`,
      ),
    );
  }

  const topics = pre?.topics;
  if (topics === undefined) checks.push(notChecked('topics-healthy', 'topics'));
  else {
    const bad = topics.filter((t) => t.statusCode !== 0);
    checks.push(
      bad.length === 0
        ? check('topics-healthy', 'pass', allHealthy(topics.length, 'topic'))
        : check(
            'topics-healthy',
            'fail',
            `${plural(bad.length, 'topic')} ${bad.length === 1 ? 'is' : 'are'} not healthy: ${listSome(bad.map((t) => `${t.name} (${TOPIC_STATUS[t.statusCode] ?? `status ${t.statusCode}`})`))}; the upgrade documentation requires no topic being created or deleted during a spec change`,
            'wait for the topic deletion to finish (or recreate the topic), then re-plan; avoid creating or deleting topics until the change is done',
          ),
    );
  }

  if (!migrates) {
    checks.push(check('zone-stock', 'pass', `no data migrates, so no new resources are needed in zone ${observed.zoneId}`));
  } else if (pre?.zoneInStock === undefined) {
    checks.push(notChecked('zone-stock', 'zoneInStock', 'check the zone in the console before the change starts'));
  } else if (pre.zoneInStock) {
    checks.push(check('zone-stock', 'pass', `zone ${observed.zoneId} has stock for the new brokers`));
  } else {
    checks.push(
      check(
        'zone-stock',
        'fail',
        `zone ${observed.zoneId} is sold out; a migration needs new brokers and disk there (a documented failure cause)`,
        'wait for stock or open a ticket with Tencent Cloud, then re-plan',
      ),
    );
  }

  // A prepaid change's mode is the cloud's to pick and is not documented: it may be high-speed, so
  // the check runs for it too, and says so.
  const modeUnknown = migration.modeSelectable === false;
  if (migrates && (migration.mode === 'high-speed' || modeUnknown)) {
    const ifUnknown = modeUnknown ? 'the cloud picks the mode of this change (unconfirmed which); if it is high-speed, ' : '';
    const peak = pre?.peakProduceMBps7d;
    const traffic = peak ?? pre?.produceMBps;
    if (traffic === undefined) {
      checks.push(
        check(
          'high-speed-under-load',
          'warn',
          `not checked: ${reasonFor('produceMBps')}; ${ifUnknown}an unthrottled migration under heavy traffic runs long (a documented failure cause)`,
          modeUnknown ? 'run it off-peak' : 'run it off-peak, or use stable mode',
        ),
      );
    } else {
      // Peak bandwidth must cover the business peak × replicas (pricing page 597/11745). The
      // replica count is the most any live topic has; whether the cloud's traffic figure already
      // counts replicas is not documented, so this errs high.
      const replicas = Math.max(1, ...(topics ?? []).filter((t) => t.statusCode === 0).map((t) => t.replicas));
      const load = traffic * replicas;
      const share = load / observed.bandwidthMBps;
      const measure = peak === undefined ? 'the 24-hour average produce traffic' : 'the 7-day peak produce traffic';
      const figures =
        `estimate: ${measure}, ${formatNumber(traffic)} MB/s, × ${plural(replicas, 'replica')} (the most any topic has) is ${formatNumber(Math.round(load * 100) / 100)} MB/s, ` +
        `${Math.round(share * 100)}% of the current ${formatNumber(observed.bandwidthMBps)} MB/s`;
      const peakNote = peak === undefined ? '; the peak is not reported by the API and is higher than the average' : '';
      checks.push(
        share > HIGH_SPEED_LOAD_SHARE
          ? check(
              'high-speed-under-load',
              'warn',
              `${figures}${peakNote}; ${ifUnknown}an unthrottled migration competes with it and may run long (a documented failure cause)`,
              modeUnknown ? 'schedule the change off-peak (the mode of a prepaid change cannot be chosen)' : 'schedule the change off-peak, or declare mode: stable',
            )
          : check('high-speed-under-load', 'pass', `${figures}${peakNote}`, peak === undefined ? 'compare with the peak in the console monitoring before a busy window' : undefined),
      );
    }
  }

  if (migrates) {
    const maxBytes = pre?.maxMessageBytes;
    if (maxBytes === undefined) checks.push(notChecked('max-message-bytes', 'maxMessageBytes', 'check MaxMessageByte in the console before the change starts'));
    else
      checks.push(
        maxBytes > NEW_BROKER_MAX_MESSAGE_BYTES
          ? check(
              'max-message-bytes',
              'warn',
              `the instance accepts messages up to ${formatNumber(maxBytes)} bytes, but new brokers accept ${formatNumber(NEW_BROKER_MAX_MESSAGE_BYTES)} (1 MiB) by default; larger messages stall the migration (a documented failure cause)`,
              'lower MaxMessageByte to 1048576 before the window, or confirm with Tencent Cloud support that the new brokers take the larger size',
            )
          : check('max-message-bytes', 'pass', `the maximum message size (${formatNumber(maxBytes)} bytes) fits the new brokers`),
      );

    const endpoints = [...observed.endpoints, ...(routes ?? []).flatMap((r) => r.endpoints)];
    const unique = [...new Set(endpoints.map(endpointText))];
    checks.push(
      check(
        'ports-may-change',
        'warn',
        `a migration may change ports (addresses stay): clients use ${unique.length === 0 ? 'no endpoint the cloud reported' : listSome(unique)}`,
        'make sure security groups and firewalls allow the new ports, and that clients resolve endpoints rather than pinning ports',
      ),
    );

    if (topics === undefined) checks.push(notChecked('single-replica-topics', 'topics'));
    else {
      const single = topics.filter((t) => t.replicas === 1).map((t) => t.name);
      checks.push(
        single.length === 0
          ? check('single-replica-topics', 'pass', 'every topic has more than one replica')
          : check(
              'single-replica-topics',
              'warn',
              `${plural(single.length, 'topic')} with a single replica will be unavailable while ${single.length === 1 ? 'its partitions move' : 'their partitions move'}: ${listSome(single)}`,
              'add replicas to these topics before the change, or accept the outage for them',
            ),
      );
    }
  }

  const changes = specChanges(target, { ...observed, edition: observed.edition ?? target.edition });
  if (isScaleDown(changes)) {
    const lowered = changes.filter((c) => (c.field === 'bandwidthMBps' || c.field === 'diskGB') && Number(c.to) < Number(c.from));
    const words = lowered.map((c) => `${c.field === 'diskGB' ? 'disk' : 'bandwidth'} ${formatNumber(Number(c.from))} → ${formatNumber(Number(c.to))} ${c.unit}`);
    const peak = pre?.peakProduceMBps7d;
    const traffic = peak ?? pre?.produceMBps;
    const label = peak === undefined ? 'recent produce traffic' : 'peak produce traffic over 7 days';
    const figure =
      traffic !== undefined && target.bandwidthMBps < observed.bandwidthMBps && traffic > target.bandwidthMBps
        ? `; ${label} was ${formatNumber(traffic)} MB/s, above the target ${formatNumber(target.bandwidthMBps)} MB/s`
        : '';
    checks.push(
      check(
        'scale-down-usage',
        'warn',
        `review at least 7 days of usage before lowering ${listSome(words)}${figure}`,
        figure === ''
          ? 'compare peak traffic (times replicas) and disk usage with the target in the console monitoring'
          : 'keep the current bandwidth, or lower it only after traffic has dropped; traffic above the peak bandwidth is throttled',
      ),
    );
  }

  if (schedule.kind === 'window' && migrates) checks.push(windowFits(migration, schedule));
  return checks;
}

/**
 * Whether the estimate fits the occurrence the change starts in. By default a window bounds when
 * a change starts, so a long one only warns; a window the change must finish inside
 * (`mustFinishInside`) fails when it cannot tell, or when the change fits no occurrence.
 */
function windowFits(migration: CheckContext['migration'], schedule: CheckContext['schedule']): PlanCheck {
  const starts = schedule.startsAt === null ? Number.NaN : Date.parse(schedule.startsAt);
  const ends = schedule.endsAt === undefined ? Number.NaN : Date.parse(schedule.endsAt);
  const windowText = schedule.window === undefined ? 'the window' : `the window (${describeWindow(schedule.window)})`;
  const strict = schedule.window?.mustFinishInside === true;
  if (migration.estimatedSeconds === null || Number.isNaN(starts) || Number.isNaN(ends)) {
    return strict
      ? check('window-fits', 'fail', `not checked: no duration estimate to compare with ${windowText}, which the change must finish inside`, 'drop mustFinishInside from the window, or re-plan when the estimate can be made')
      : check('window-fits', 'warn', `not checked: no duration estimate to compare with ${windowText}`, 'allow for a long migration');
  }
  const length = (ends - starts) / 1000;
  if (migration.estimatedSeconds <= length) return check('window-fits', 'pass', `the estimated ${formatDuration(migration.estimatedSeconds)} fits the ${formatDuration(length)} of ${windowText}`);
  return strict
    ? check(
        'window-fits',
        'fail',
        `the estimated ${formatDuration(migration.estimatedSeconds)} is longer than the ${formatDuration(length)} of ${windowText} it could start in, and the change must finish inside the window: it does not start`,
        'widen the window, use high-speed mode off-peak (postpaid only), or drop mustFinishInside so the change starts in the window and runs past its close',
      )
    : check(
        'window-fits',
        'warn',
        `the estimated ${formatDuration(migration.estimatedSeconds)} is longer than the ${formatDuration(length)} left in ${windowText}; it starts inside the window and carries on after the window closes`,
        'widen the window, use high-speed mode off-peak (postpaid only), set mustFinishInside on the window to start only when it fits, or accept that it runs past the window',
      );
}
