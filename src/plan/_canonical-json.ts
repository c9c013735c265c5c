/**
 * Canonical JSON for hashing: object keys sorted, `undefined` dropped, arrays in order. A plan
 * read back from a file hashes the same as the plan that was written, whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonicalize(v)));
  if (value !== null && typeof value === 'object') {
    // A null prototype: a key named `__proto__` (which JSON.parse makes an own property) is data
    // here, hashed like any other, instead of a prototype assignment that drops it.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}
