/**
 * The one escaping of text from the user or the cloud (instance and topic names, ids, messages,
 * hints, paths) before it reaches a terminal, a log or a pull-request comment.
 *
 * A name like `orders\u001b]52;c;…\u0007` (OSC 52: write the clipboard), `\u001b[2K\u001b[1A`
 * (erase the line above: rewrite what a reviewer already read) or `admin\u202Etxt.exe` (a bidi
 * override: reads as another name) must be seen, not obeyed. Every such character is shown as a
 * `\uXXXX` escape: visible, unambiguous, and valid inside a JSON string, so the same escaping
 * applies to text, markdown and JSON output alike.
 */

/**
 * Characters that must not reach a terminal as they are: C0 controls other than the line feed
 * (ESC starts CSI and OSC sequences, BEL ends OSC, CR rewrites a line, BS erases), DEL, C1 controls
 * (U+009B is a one-character CSI, U+009D an OSC), the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), the invisible direction marks (U+200E, U+200F, U+061C), and the
 * Unicode line and paragraph separators (U+2028, U+2029: a line break some terminals and editors
 * honour).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it neutralises
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const HAS_UNSAFE = new RegExp(TERMINAL_UNSAFE.source);

function escapeCharacter(c: string): string {
  // A tab is only whitespace; a terminal expands it, nothing more.
  return c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Whether `text` holds a character {@link escapeTerminalText} would escape. */
export function hasTerminalControls(text: string): boolean {
  return HAS_UNSAFE.test(text);
}

/**
 * Text that may span lines (a message, a note): CRLF and CR become line feeds (a bare CR would
 * return to the start of the line and print over it), line feeds are kept, tabs become spaces,
 * and every other unsafe character becomes `\uXXXX`.
 */
export function escapeTerminalText(text: string): string {
  if (!hasTerminalControls(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(TERMINAL_UNSAFE, escapeCharacter);
}

/** Text that must stay on one line (a name, an id, a table cell): as {@link escapeTerminalText}, with line breaks shown as `\n`. */
export function escapeTerminalLine(text: string): string {
  return escapeTerminalText(text).replace(/\n/g, '\\n');
}

/**
 * The escape sequences ckafka itself writes: SGR colours (`ESC [ … m`), and on a live progress
 * display erase-line (`ESC [ 2K`) and cursor-up (`ESC [ n A`).
 */
// eslint-disable-next-line no-control-regex -- the sequences start with ESC
const OWN_SEQUENCES = /\u001b\[(?:[0-9;]*m|2K|\d{1,4}A)/g;

/**
 * The last line of defence for everything a command prints: escapes every unsafe character
 * except the escape sequences ckafka writes itself ({@link OWN_SEQUENCES}). Text from the user or
 * the cloud is escaped where it is put into the output ({@link escapeTerminalText}), so none of
 * its escape characters is left for this to let through; anything that was missed is escaped
 * here.
 */
export function neutralizeTerminalOutput(output: string): string {
  if (!hasTerminalControls(output)) return output;
  let out = '';
  let last = 0;
  for (const m of output.matchAll(OWN_SEQUENCES)) {
    out += escapeTerminalText(output.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeTerminalText(output.slice(last));
}
