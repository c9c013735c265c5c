/**
 * Escaping for text that came from the user or the cloud (names, ids, messages, hints, paths,
 * notes, endpoints) before it goes into a pull-request comment. Everything the markdown renderer
 * does not write itself passes through one of these two functions. Controls and bidi overrides
 * are shown as `\uXXXX` by the same function as in the terminal ({@link escapeTerminalText}).
 */
import { escapeTerminalText } from './escape-terminal';

/** U+200D ZERO WIDTH JOINER: placed after `@` (and `#` before a digit) so GitHub links no one and nothing. */
const ZWJ = '\u200D';

/** Characters with a meaning in GitHub markdown, including `$` (math) and `~` (strikethrough). */
const MARKDOWN_PUNCTUATION = new Set(['\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~', '|', '$']);

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A regular expression matching any one of `chars`. */
function anyOf(chars: Iterable<string>): string {
  return `[${[...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`;
}

// The characters each function changes, found in one pass: everything else is copied as it is.
const MARKDOWN_SPECIAL = new RegExp(`${anyOf([...Object.keys(HTML_ENTITIES), ...MARKDOWN_PUNCTUATION])}|@(?=[A-Za-z0-9])`, 'g');

/** An `@` that would mention someone, or a `#` that would link an issue: a joiner goes after it. */
function linksAfter(text: string, c: string, at: number): boolean {
  const next = text.charAt(at + 1);
  return (c === '@' && /[A-Za-z0-9]/.test(next)) || (c === '#' && /[0-9]/.test(next));
}

/**
 * Escapes text for a markdown context: a paragraph, a list item or a table cell.
 *
 * HTML-escapes `&`, `<`, `>` and `"`; backslash-escapes `` \ ` * _ [ ] ( ) # ! ~ | $ ``;
 * escapes a leading `-`, `+`, `=` or `1.` that would start a block; turns newlines into `<br>`
 * so the text stays on one source line (a table row, a list item) while keeping its line breaks;
 * and defuses `@mentions` and `#123` references with a zero-width joiner. The result renders
 * as the original text and cannot break a table or inject markup.
 */
export function escapeMarkdown(text: string): string {
  const lines = escapeTerminalText(text).trim().split('\n');
  const out = lines.map(escapeLine).join('<br>');
  // Only the start of the whole string can start a block, since newlines became `<br>`, and
  // trim() already removed indentation that would make an indented code block.
  if (/^[-+=]/.test(out)) return `\\${out}`;
  return out.replace(/^(\d+)\./, '$1\\.');
}

function escapeLine(line: string): string {
  return line.replace(MARKDOWN_SPECIAL, (c: string, at: number) => {
    const escaped = HTML_ENTITIES[c] ?? (MARKDOWN_PUNCTUATION.has(c) ? `\\${c}` : c);
    return linksAfter(line, c, at) ? escaped + ZWJ : escaped;
  });
}

// In HTML, markdown punctuation is inert; numeric references keep it inert should GitHub ever
// read the line as markdown after all (entities never act as syntax in CommonMark).
const HTML_CONTEXT_ENTITIES: Readonly<Record<string, string>> = {
  ...HTML_ENTITIES,
  "'": '&#39;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '|': '&#124;',
  '~': '&#126;',
  $: '&#36;',
};

const HTML_SPECIAL = new RegExp(`${anyOf(Object.keys(HTML_CONTEXT_ENTITIES))}|@(?=[A-Za-z0-9])|#(?=[0-9])`, 'g');

/**
 * Escapes text for an HTML context inside the comment, such as a `<summary>` line, where GitHub
 * does not read markdown.
 *
 * Encodes `& < > " '` and markdown punctuation as character references, folds newlines into
 * spaces (a blank line would end the HTML block) and defuses `@mentions` as
 * {@link escapeMarkdown} does.
 */
export function escapeHtml(text: string): string {
  const flat = escapeTerminalText(text).replace(/\s+/g, ' ').trim();
  return flat.replace(HTML_SPECIAL, (c: string, at: number) => {
    const escaped = HTML_CONTEXT_ENTITIES[c] ?? c;
    return linksAfter(flat, c, at) ? escaped + ZWJ : escaped;
  });
}
