/**
 * Compares the shape of an actual API answer with a documented one: field names, JSON types and
 * nesting, not values. A field the documentation shows and the actual answer lacks is a
 * divergence; fields only the actual answer has are not (the real API may have more than its
 * example shows, and an extra field misleads nobody who reads by name).
 */

/** How an actual answer differs from the documented one at one place. */
export interface Divergence {
  /** `Result.InstanceList[].DiskSize`; `{json}` marks the inside of a JSON-encoded string. */
  readonly path: string;
  /** `missing`: documented, absent; `type`: another JSON type; `empty`: an empty list where the documentation shows items, so their shape cannot be checked. */
  readonly kind: 'missing' | 'type' | 'empty';
  readonly documented: string;
  readonly actual: string;
}

/** Options of {@link compareShapes}. */
export interface CompareOptions {
  /** Paths whose string values are JSON documents (DescribeCkafkaZone's `Result.Profession`): compared parsed. */
  readonly jsonStrings?: readonly string[];
}

type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return 'object';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return jsonType(v) === 'object';
}

/**
 * The documented items of a list merged into one: objects by the union of their fields (the
 * first non-null value of each), other values by the first non-null item.
 */
function mergeItems(items: readonly unknown[]): unknown {
  const nonNull = items.filter((i) => i !== null);
  if (nonNull.length === 0) return null;
  if (!nonNull.every(isObject)) return nonNull[0];
  const merged: Record<string, unknown> = {};
  for (const item of nonNull as Array<Record<string, unknown>>) {
    for (const [k, v] of Object.entries(item)) if (!(k in merged) || merged[k] === null) merged[k] = v;
  }
  return merged;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

interface Walk {
  readonly options: CompareOptions;
  readonly out: Divergence[];
  /** List paths where some actual list had items (an empty one elsewhere is then just data). */
  readonly nonEmpty: Set<string>;
}

function compareAt(documented: unknown, actual: unknown, path: string, walk: Walk): void {
  const { options, out } = walk;
  // A documented null says nothing about the type.
  if (documented === null) return;
  const dt = jsonType(documented);
  const at = jsonType(actual);
  if (dt !== at) {
    out.push({ path, kind: 'type', documented: dt, actual: at });
    return;
  }
  if (dt === 'string' && options.jsonStrings?.includes(path)) {
    const d = parseJson(documented as string);
    const a = parseJson(actual as string);
    if (!d.ok) throw new Error(`${path}: the documented value is not JSON; remove it from jsonStrings`);
    if (!a.ok) out.push({ path, kind: 'type', documented: 'JSON string', actual: 'string that is not JSON' });
    else compareAt(d.value, a.value, `${path}{json}`, walk);
    return;
  }
  if (dt === 'array') {
    const docItems = documented as unknown[];
    const actItems = actual as unknown[];
    if (docItems.length === 0) return;
    const item = mergeItems(docItems);
    if (item === null) return;
    if (actItems.length === 0) {
      out.push({ path: `${path}[]`, kind: 'empty', documented: `${docItems.length} item(s) of ${jsonType(item)}`, actual: 'no items' });
      return;
    }
    walk.nonEmpty.add(`${path}[]`);
    for (const a of actItems) compareAt(item, a, `${path}[]`, walk);
    return;
  }
  if (dt === 'object') {
    const act = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(documented as Record<string, unknown>)) {
      const p = path === '' ? key : `${path}.${key}`;
      if (!(key in act)) out.push({ path: p, kind: 'missing', documented: jsonType(value), actual: 'absent' });
      else compareAt(value, act[key], p, walk);
    }
  }
}

/**
 * The divergences of `actual` from the shape of `documented`, each reported once (a list of
 * many items reports a missing field once, not per item). An empty list counts only when the
 * same list is empty in every actual item (`Features` everywhere), not when some have items.
 */
export function compareShapes(documented: unknown, actual: unknown, options: CompareOptions = {}): Divergence[] {
  const walk: Walk = { options, out: [], nonEmpty: new Set() };
  compareAt(documented, actual, '', walk);
  const seen = new Set<string>();
  return walk.out.filter((d) => {
    if (d.kind === 'empty' && walk.nonEmpty.has(d.path)) return false;
    const key = `${d.kind} ${d.path} ${d.actual}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A known divergence and why it is tolerated. */
export interface Allowed {
  readonly path: string;
  readonly kind: Divergence['kind'];
  readonly reason: string;
}

/**
 * Splits divergences into those an allow-list explains and the rest, and lists allow entries
 * that match nothing (stale: the emulator has the documented shape there, so the entry goes).
 */
export function applyAllowList(divergences: readonly Divergence[], allowed: readonly Allowed[]): { unexplained: Divergence[]; stale: Allowed[] } {
  const matches = (a: Allowed, d: Divergence): boolean => a.path === d.path && a.kind === d.kind;
  return {
    unexplained: divergences.filter((d) => !allowed.some((a) => matches(a, d))),
    stale: allowed.filter((a) => !divergences.some((d) => matches(a, d))),
  };
}
