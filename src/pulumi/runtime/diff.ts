/**
 * `diff`: the upgrade plan of this one instance (`planWithCloud`, as `ckafka plan` makes it), in
 * Pulumi's vocabulary: `changes`, `replaces` for the inputs the cloud cannot change in place, a
 * detailed diff with one entry per changed property, and the plan's facts as diagnostics besides
 * the plan's text in the log.
 */
import { renderText } from '../../render/render-text';
import { REPLACE_ON_CHANGE_KEYS } from '../ckafka-instance-inputs';
import { STATE_KEYS } from '../ckafka-instance-state';
import type { CkafkaDiagnostic } from '../ckafka-diagnostic';
import type { CkafkaDiffResult, PropertyDiff, PropertyDiffKind } from '../ckafka-diff-result';
import { checkInstanceInputs, UNKNOWN_VALUE, type ResolvedInputs } from '../check-instance-inputs';
import { pulumiRemedyWords } from '../remedy-words';
import { checkRegion, loggerOf, nowOf, observe, regionFor, resolve, str, withCloud, type ProviderContext, type Props } from './context';
import { adoptConflictError, planOne } from './converge';
import { planDiagnostics, report } from './diagnostics';
import { outdatedOutputs, staleness, targetOf } from './outputs';

type ReplaceKey = (typeof REPLACE_ON_CHANGE_KEYS)[number];

/** Outputs that never change in an update: a change of their input replaces the instance. */
const STABLES: readonly string[] = ['instanceId', ...REPLACE_ON_CHANGE_KEYS, 'cloud'];
/** Keys the outputs record: a difference there is against the recorded state, not old inputs. */
const RECORDED: ReadonlySet<string> = new Set<string>(STATE_KEYS);
const SPEC_KEYS = ['edition', 'bandwidthMBps', 'diskGB', 'partitions'] as const;

type Detailed = Record<string, PropertyDiff>;

/** The top-level input of a property path: `upgrade` for `upgrade.rebalance.window.start`. */
function topKey(path: string): string {
  return path.split(/[.[]/, 1)[0] ?? path;
}

function isReplaceKey(key: string): key is ReplaceKey {
  return (REPLACE_ON_CHANGE_KEYS as readonly string[]).includes(key);
}

function entry(path: string, kind: 'add' | 'delete' | 'update', replace = false): PropertyDiff {
  return { kind: (replace ? `${kind}-replace` : kind) as PropertyDiffKind, inputDiff: !RECORDED.has(topKey(path)) };
}

function result(detailedDiff: Detailed, replaces: readonly string[] = [], changes = Object.keys(detailedDiff).length > 0): CkafkaDiffResult {
  return { changes, replaces: [...replaces], stables: [...STABLES], deleteBeforeReplace: false, detailedDiff };
}

/** Spec inputs that differ from the spec the state records. */
function specAgainstState(r: ResolvedInputs, olds: Props, into: Detailed): void {
  for (const k of SPEC_KEYS) if (olds[k] !== r.desired[k]) into[k] = entry(k, olds[k] === undefined ? 'add' : 'update');
}

/** The `deletionPolicy` entry, when the declared policy differs from the recorded one. */
function policyEntry(r: ResolvedInputs, olds: Props, news: Props, into: Detailed): void {
  const recorded = str(olds, 'deletionPolicy');
  if ((recorded ?? 'retain') === r.behaviour.deletionPolicy) return;
  const declared = news.deletionPolicy !== undefined && news.deletionPolicy !== null;
  into.deletionPolicy = entry('deletionPolicy', recorded === undefined ? 'add' : declared ? 'update' : 'delete');
}

/**
 * A preview with inputs not known yet cannot be planned; `pulumi up` plans once they are. Each
 * unknown path is an update; an unknown input the cloud cannot change in place may replace the
 * instance, so it is shown as one (unless the instance is adopted: that one can never move).
 */
function unknownDiff(ctx: ProviderContext, id: string, olds: Props, news: Props, unknown: readonly string[]): CkafkaDiffResult {
  const adopted = typeof news.instanceId === 'string' && news.instanceId !== UNKNOWN_VALUE;
  const detailed: Detailed = {};
  const replaces: string[] = [];
  for (const path of unknown) {
    const key = topKey(path);
    const replace = key === 'instanceId' || (isReplaceKey(key) && !adopted && olds[key] !== undefined);
    detailed[path] = entry(path, 'update', replace);
    if (replace && !replaces.includes(key)) replaces.push(key);
  }
  const name = typeof news.name === 'string' && news.name !== UNKNOWN_VALUE ? news.name : id;
  const replacing = replaces.length === 0 ? '' : `; if ${replaces.join(', ')} then differ from what ${id} has, the resource is REPLACED by a new, empty instance`;
  report(ctx, [
    {
      topic: 'unknown-inputs',
      severity: replaces.length === 0 ? 'info' : 'warning',
      instance: name,
      message: `${name}: inputs not known yet: ${unknown.join(', ')}; \`pulumi up\` plans the change once they are${replacing}`,
      paths: [...unknown],
    },
  ]);
  return result(detailed, replaces, true);
}

export async function diff(ctx: ProviderContext, id: string, olds: Props, news: Props): Promise<CkafkaDiffResult> {
  const checked = checkInstanceInputs(news, { now: nowOf(ctx) });
  if (checked.unknown.length > 0) return unknownDiff(ctx, id, olds, news, checked.unknown);
  const r = resolve(ctx, news);
  const name = r.desired.name;

  const declaredId = r.desired.instanceId;
  if (declaredId !== undefined && declaredId !== id) {
    const how = str(olds, 'deletionPolicy') === 'delete' ? 'deletes' : 'retains (deletionPolicy retain)';
    report(ctx, [{ topic: 'replace', severity: 'warning', instance: name, message: `${name}: instanceId changed from ${id} to ${declaredId}: the resource is replaced: it adopts ${declaredId} and ${how} ${id}`, keys: ['instanceId'] }]);
    return result({ instanceId: entry('instanceId', 'update', true) }, ['instanceId']);
  }
  const changed = REPLACE_ON_CHANGE_KEYS.filter((k) => r.provisioning[k] !== undefined && olds[k] !== undefined && r.provisioning[k] !== olds[k]);
  if (changed.length > 0) {
    // An adopted instance cannot be replaced: creating again would adopt the same instance.
    if (declaredId !== undefined) throw adoptConflictError(r, changed.map((k) => `${k} is declared as ${JSON.stringify(r.provisioning[k])} but ${id} has ${JSON.stringify(olds[k])}`));
    const retained = str(olds, 'deletionPolicy') === 'delete' ? `then deletes ${id} (deletionPolicy delete)` : `and retains ${id} (deletionPolicy retain): it keeps running and billing until you delete it`;
    const message = `${name}: ${changed.join(', ')} cannot change on a running instance: the resource is REPLACED. Pulumi creates a new, empty instance (data is not copied) ${retained}`;
    report(ctx, [{ topic: 'replace', severity: 'warning', instance: name, message, keys: [...changed] }]);
    const detailed: Detailed = {};
    for (const k of changed) detailed[k] = entry(k, 'update', true);
    specAgainstState(r, olds, detailed);
    policyEntry(r, olds, news, detailed);
    return result(detailed, changed);
  }

  return withCloud(ctx, regionFor(r, olds), async (cloud) => {
    checkRegion(r, cloud);
    const observed = await observe(cloud, id, `reading ${name}`);
    if (observed === undefined) {
      const message = `${name}: instance ${id} no longer exists in ${cloud.region}: run \`pulumi refresh\` to drop it from the state (the next \`pulumi up\` then creates or adopts one)`;
      report(ctx, [{ topic: 'gone', severity: 'warning', instance: name, message }]);
      return result({ status: entry('status', 'update') }, [], true);
    }
    const surprises: CkafkaDiagnostic[] = [];
    const stale = staleness(olds, observed, targetOf(r));
    if (stale !== undefined)
      surprises.push({ topic: 'drift', severity: 'warning', instance: name, message: `${name}: ${id} was changed outside Pulumi (${stale}); \`pulumi up\` will refuse to apply until you run \`pulumi refresh\``, drift: stale });
    if (str(olds, 'name') !== undefined && observed.name !== name)
      surprises.push({
        topic: 'rename',
        severity: 'warning',
        instance: name,
        message: `${name}: the instance is named "${observed.name}" in the cloud; renaming is not supported through the API, so it keeps that name`,
        cloudName: observed.name,
      });

    report(ctx, surprises);

    const { plan, p } = await planOne(cloud, id, r);
    if (p.action !== 'none') {
      loggerOf(ctx).info(renderText(plan, { remedyWords: pulumiRemedyWords }).trimEnd());
      report(ctx, planDiagnostics(plan, p, r));
    }

    // The declared changes first, in the plan's order; then deletionPolicy (kept in the outputs:
    // delete sees only them); then outputs that no longer describe the instance. The upgrade
    // policy, allowScaleDown, wait and ignoreChecks are not cloud settings: no entry, no change.
    const detailed: Detailed = {};
    for (const c of p.changes) detailed[c.field] = entry(c.field, 'update');
    policyEntry(r, olds, news, detailed);
    for (const k of outdatedOutputs(olds, observed)) detailed[k] ??= entry(k, 'update');
    return result(detailed, [], p.action !== 'none' || Object.keys(detailed).length > 0);
  });
}
