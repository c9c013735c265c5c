/**
 * fast-check's `'binary'` string unit (any code point but a lone surrogate), without the cost of
 * building it.
 *
 * `fc.string({ unit: 'binary' })` maps an index to a code point, and its inverse is a table of all
 * 1,112,064 code points that fast-check fills on first use, which is when the string arbitrary is
 * built (it checks its bias strings, `apply`, `bind` and so on, against the unit): about 2 s in
 * each test file that builds one. This unit maps the same index to the same code point and computes the inverse,
 * so `fc.string({ unit: anyCodePoint })` draws the same strings for the same seed and shrinks them
 * the same way; it was compared seed by seed against `'binary'` (values, counterexamples and
 * shrink counts) on fast-check 4.10.
 */
import fc from 'fast-check';

const SURROGATES = 0xe000 - 0xd800;

function codePointAt(index: number): string {
  return String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES);
}

function indexOf(value: unknown): number {
  const cp = typeof value === 'string' ? value.codePointAt(0) : undefined;
  // Exactly one code point, not a lone surrogate: what codePointAt can return, and nothing else.
  if (cp === undefined || (cp >= 0xd800 && cp < 0xe000) || String.fromCodePoint(cp) !== value) throw new Error('not a single code point');
  return cp < 0xd800 ? cp : cp - SURROGATES;
}

/** One code point, U+0000 to U+10FFFF without the surrogates, drawn as fast-check's `'binary'` unit draws it. */
export const anyCodePoint: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff - SURROGATES }).map(codePointAt, indexOf);
