/**
 * Reads a fleet file's text (YAML, or JSON, which is YAML too) into a validated fleet, with every
 * issue pointing at its line and column. Pure: the caller reads the file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Issue } from './issues';
import { validateFleet, type ValidationResult } from './validate';
import type { DesiredFleet } from './types';

export interface ParseFleetOptions {
  /** The file name, for issues. */
  readonly file: string;
  /** The clock, for `at` times in the past. @default - that rule is skipped */
  readonly now?: Date;
}

/** A parsed YAML document and a way to find where a path is in the text. */
export interface LocatedDocument {
  readonly value: unknown;
  readonly locate: (path: ReadonlyArray<string | number>, options?: { readonly key?: boolean }) => { line: number; column: number } | undefined;
}

/**
 * Parses YAML text, reporting syntax errors (with line and column) as `fleet/yaml-syntax` issues:
 * the first structural error (later ones are usually its echoes) and every duplicate key.
 * Duplicate keys are syntax errors: silently keeping the last one would hide a mistake.
 */
export function parseYamlDocument(text: string, file: string): { document?: LocatedDocument; issues: Issue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  // One mistake in the structure (an indentation, a quote) makes the parser report every line
  // after it as wrong too: report the first, and the duplicate keys, which stand on their own.
  const firstStructural = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const errors = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstStructural);
  const issues: Issue[] = errors.map((e) => {
    const pos = e.linePos?.[0];
    return {
      code: 'fleet/yaml-syntax',
      severity: 'error',
      path: '',
      message: `YAML syntax error: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      hint: e.code === 'DUPLICATE_KEY' ? 'remove or rename the repeated key' : 'check indentation and quoting around this line (only the first syntax error is reported: fix it and run again)',
      file,
      ...(pos === undefined ? {} : { line: pos.line, column: pos.col }),
    } satisfies Issue;
  });
  if (issues.length > 0) return { issues };
  if (doc.contents === null)
    return { issues: [{ code: 'fleet/empty', severity: 'error', path: '', message: 'the file is empty', hint: 'a fleet file needs at least `instances:` (see `ckafka schema`)', file }] };
  let value: unknown;
  try {
    // A billion-laughs document (aliases of aliases) stops here instead of filling memory.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { issues: [{ code: 'fleet/yaml-syntax', severity: 'error', path: '', message: `YAML error: ${(e as Error).message.split('\n')[0]}`, hint: 'use fewer aliases (&anchor / *alias); write the values out', file }] };
  }
  return { document: { value, locate: locator(doc, lines) }, issues };
}

// Finds the node for a path; for a key that does not exist (a missing field) it stops at the
// closest existing ancestor, and for a key that exists it points at the value, or at the key itself
// when the path ends on an unknown key.
function locator(doc: Document, lines: LineCounter): LocatedDocument['locate'] {
  return (path, options) => {
    let node: Node | null | undefined = doc.contents;
    let at: Node | null | undefined = node;
    for (const [i, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
        if (pair === undefined) break;
        at = (pair.value as Node | null) ?? (pair.key as Node);
        node = pair.value as Node | null;
        if (node === null || (options?.key === true && i === path.length - 1)) at = pair.key as Node;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) break;
        at = node = item;
      } else break;
    }
    const start = at?.range?.[0];
    if (start === undefined) return undefined;
    const pos = lines.linePos(start);
    return { line: pos.line, column: pos.col };
  };
}

/**
 * Parses and validates a fleet file's text. YAML syntax errors stop here; otherwise every shape
 * and value issue is reported at once, each with its line.
 */
export function parseFleet(text: string, options: ParseFleetOptions): ValidationResult<DesiredFleet> {
  const { document, issues } = parseYamlDocument(text, options.file);
  if (document === undefined) return { value: undefined, issues };
  return validateFleet(document.value, { file: options.file, locate: document.locate, ...(options.now === undefined ? {} : { now: options.now }) });
}
