/**
 * The plan's summary: counts, the monthly cost delta and the one-line verdict reviewers read first.
 */
import { ADDON_PRICES, roundMoney } from '../spec/catalog';
import { formatNumber, formatSignedMoney, listSome } from './words';
import type { PlannedInstance, PlanSummary } from './types';

const SOURCE_WORDS = { quote: 'quoted', 'list-price': 'list price' } as const;

/**
 * Summarises planned instances. `migrations` counts upgrades and scale-downs whose change
 * migrates data or may; `hasChanges` is true when anything will change or a blocked instance
 * has changes; `monthlyDelta` sums the upgrades and scale-downs, `null` when any of them has
 * no price (or prices are in different currencies).
 */
export function summarizePlan(instances: readonly PlannedInstance[]): PlanSummary {
  const count = (a: PlannedInstance['action']): number => instances.filter((i) => i.action === a).length;
  const unchanged = count('none');
  const upgrades = count('upgrade');
  const scaleDowns = count('scale-down');
  const blocked = count('blocked');
  const changing = instances.filter((i) => i.action === 'upgrade' || i.action === 'scale-down');
  const migrating = changing.filter((i) => i.migration.required === true).length;
  const maybe = changing.filter((i) => i.migration.required === null).length;
  const hasChanges = changing.length > 0 || instances.some((i) => i.action === 'blocked' && i.changes.length > 0);

  const currencies = new Set(changing.map((i) => i.cost?.currency ?? ADDON_PRICES.currency));
  const currency = [...currencies][0] ?? ADDON_PRICES.currency;
  const priced = changing.every((i) => i.cost !== null && i.cost.monthlyDelta !== null) && currencies.size <= 1;
  const monthlyDelta = priced ? roundMoney(changing.reduce((sum, i) => sum + (i.cost?.monthlyDelta ?? 0), 0)) : null;

  let verdict: string;
  if (instances.length === 0) verdict = 'No changes: no instances are declared';
  else if (unchanged === instances.length)
    verdict = `No changes: ${unchanged === 1 ? '1 instance matches its' : `${formatNumber(unchanged)} instances match their`} declared spec`;
  else {
    const parts: string[] = [];
    const changeParts: string[] = [];
    if (upgrades > 0) changeParts.push(`${formatNumber(upgrades)} to upgrade`);
    if (scaleDowns > 0) changeParts.push(`${formatNumber(scaleDowns)} to scale down`);
    if (changeParts.length > 0) {
      const migr: string[] = [];
      if (migrating > 0) migr.push(`${formatNumber(migrating)} ${migrating === 1 ? 'migrates' : 'migrate'} data`);
      if (maybe > 0) migr.push(`${formatNumber(maybe)} may migrate data`);
      parts.push(`${changeParts.join(', ')}${migr.length > 0 ? ` (${migr.join(', ')})` : ''}`);
    }
    if (blocked > 0) parts.push(`${formatNumber(blocked)} blocked`);
    if (unchanged > 0) parts.push(`${formatNumber(unchanged)} unchanged`);
    verdict = parts.join(', ');
    if (changing.length > 0) {
      if (monthlyDelta === null) {
        const unpriced = changing.filter((i) => i.cost === null || i.cost.monthlyDelta === null).map((i) => i.name);
        verdict += unpriced.length > 0 ? ` · cost not known (no price for ${listSome(unpriced, 3)})` : ' · cost not known (prices in different currencies)';
      }
      else {
        const sources = [...new Set(changing.map((i) => i.cost?.source ?? 'list-price'))].sort();
        const label = sources.length === 1 && sources[0] !== undefined ? SOURCE_WORDS[sources[0]] : 'quotes and list prices';
        verdict += ` · ${formatSignedMoney(monthlyDelta)} ${currency}/month (${label})`;
      }
    }
  }

  return { instances: instances.length, unchanged, upgrades, scaleDowns, blocked, migrations: migrating + maybe, hasChanges, monthlyDelta, currency, verdict };
}
