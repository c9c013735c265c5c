/**
 * JSON syntax errors in the user's terms, without the text: Node's messages quote the start of
 * the input, and an input may be someone's credentials file.
 */

/** What is wrong with JSON text, without quoting it: where it stops being JSON, when the parser says. */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Unexpected end of JSON input/.test(message)) return 'it is not valid JSON: it ends too early';
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at === undefined) return 'it is not valid JSON';
  const offset = Number(at);
  const line = text.slice(0, offset).split('\n').length;
  return `it is not valid JSON: line ${line}, character ${offset - text.lastIndexOf('\n', offset - 1)}`;
}
