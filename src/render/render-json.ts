/**
 * The plan as JSON: the contract `apply` reads and pipelines consume.
 */
import type { Plan } from '../plan/types';

// Characters JSON may hold raw inside strings but a terminal, an editor or a YAML reader would act
// on or refuse: DEL, C1 controls, bidi controls and marks, the Unicode line separators. They can
// only come from names and messages, never from the structure, so escaping them changes nothing
// JSON.parse gives back.
const UNSAFE_IN_TEXT = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Renders a plan as JSON, exactly as it is: two-space indentation and a final newline, nothing
 * added or left out, so `JSON.parse(renderJson(plan))` equals the plan and its digest still holds.
 * Control and bidi characters in strings are written as `\uXXXX` escapes, so the file is plain
 * text that any tool can show and read back.
 */
export function renderJson(plan: Plan): string {
  const json = JSON.stringify(plan, null, 2).replace(UNSAFE_IN_TEXT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}
