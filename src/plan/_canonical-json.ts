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
    // Plain objects, built key by key in sorted order, are what JSON.stringify writes fastest.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      // A key named `__proto__` (which JSON.parse makes an own property) is data here, hashed
      // like any other, instead of a prototype assignment that drops it.
      if (key === '__proto__') Object.defineProperty(out, key, { value: canonicalize(v), enumerable: true, writable: true, configurable: true });
      else out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}
