/**
 * Patterns the output tests search rendered text for. Written out here, independent of the
 * renderers' own escaping, so a gap in the renderer cannot hide itself.
 */

/** A control character other than line feed (C0, DEL, C1), or a bidi embedding, override or isolate. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
export const CONTROL_OR_BIDI = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A colour (SGR) escape sequence. */
// eslint-disable-next-line no-control-regex -- the sequence starts with ESC
export const ANSI_SGR = /\u001b\[[0-9;]*m/g;
