/** Inline pieces the markdown renderer writes around values from the plan: code spans and names. */
import { escapeMarkdown } from './escape-markdown';

// Code spans cannot be escaped from inside, so only text that needs no escaping becomes code.
const CODE_SAFE = /^[A-Za-z0-9][A-Za-z0-9._:/=,+ -]*$/;

/** A value as inline code when it is plainly safe (ids, codes, parameters), else escaped text. */
export function codeSpan(text: string): string {
  return CODE_SAFE.test(text) && !text.endsWith(' ') ? `\`${text}\`` : escapeMarkdown(text);
}

/** A name as shown: `(no name)` when it is blank, so a row or a banner never shows an empty name. */
export function nonEmpty(name: string): string {
  return name.trim() === '' ? '(no name)' : name;
}
