/**
 * Turns zod's issues into ours: a stable code per kind of mistake, the value that was given, what
 * is allowed, and a fix. zod checks the shape (types, required keys, formats); the catalog rules
 * check values.
 */
import type { z } from 'zod';
import { error, listOr, type PathSegments, type RuleIssue } from './rules/rule';
import { nearestSteps } from './catalog';
import { closestMatch } from './suggest';

type ZodIssue = z.core.$ZodIssue;

/** Renders a value the way the user wrote it, briefly: `"400"` for a string, `400` for a number. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal number';
  return `a ${typeof value}`;
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

// Fields whose valid values are multiples of 100 (src/spec/catalog.ts).
const STEPPED_FIELDS: ReadonlySet<string> = new Set(['diskGB', 'partitions']);

// Names users copy from the API or the console for our editions.
const EDITION_ALIASES: Record<string, string> = {
  profession: 'pro',
  professional: 'pro',
  premium: 'advanced',
  standards2: 'standard',
};

function keyOf(path: PathSegments): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

function describe(path: PathSegments, field: string): string {
  return path.length === 0 ? 'the document' : `\`${field || keyOf(path)}\``;
}

/** Options for mapping: descriptions of fields (for hints) and the keys allowed where a key is unknown. */
export interface ZodMappingContext {
  /** Field descriptions by key, used as hints for missing fields. */
  readonly describeField?: (path: PathSegments) => string | undefined;
  /** The keys allowed in the object at `path`, for "did you mean". */
  readonly allowedKeys?: (path: PathSegments) => readonly string[] | undefined;
}

/**
 * Maps zod's issues (at `base`) to ours. A required key reported missing because it was
 * misspelled is one mistake, not two: the unknown key's issue says the key is required and
 * suggests it, and no "is required" issue is added for it.
 */
export function mapZodIssues(issues: readonly ZodIssue[], base: PathSegments, ctx: ZodMappingContext = {}): RuleIssue[] {
  const mapped = issues.flatMap((i) => mapZodIssue(i, base, ctx));
  const id = (at: PathSegments) => JSON.stringify(at);
  // The key each unknown key was probably meant to be, by the path that key would have.
  const meant = new Map<RuleIssue, string>();
  for (const i of mapped) {
    const key = i.at[i.at.length - 1];
    const parent = i.at.slice(0, -1);
    const near = i.code === 'spec/unknown-key' && typeof key === 'string' ? closestMatch(key, ctx.allowedKeys?.(parent) ?? []) : undefined;
    if (near !== undefined) meant.set(i, id([...parent, near]));
  }
  const misspelt = new Set(mapped.filter((i) => i.code === 'spec/missing-field').map((i) => id(i.at)).filter((at) => [...meant.values()].includes(at)));
  return mapped.flatMap((i) => {
    if (i.code === 'spec/missing-field' && misspelt.has(id(i.at))) return [];
    const at = meant.get(i);
    if (at === undefined || !misspelt.has(at)) return [i];
    const field = String((JSON.parse(at) as unknown[]).at(-1));
    return [{ ...i, message: `${i.message}, and \`${field}\` is required`, hint: `did you mean \`${field}\`? rename the key` }];
  });
}

/** Maps one zod issue (at `base`) to ours; a union issue expands to the issues of the branch the input meant. */
export function mapZodIssue(issue: ZodIssue, base: PathSegments, ctx: ZodMappingContext = {}): RuleIssue[] {
  const path: PathSegments = [...base, ...(issue.path as Array<string | number>)];
  const field = keyOf(path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) {
        const hint = ctx.describeField?.(path);
        return [error('spec/missing-field', path, `${describe(path, field)} is required`, hint === undefined ? undefined : `add ${field}: ${hint}`)];
      }
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      // The whole document is not a mapping: likely not a fleet file at all (a credentials file,
      // a binary), so say what it is without quoting it.
      if (path.length === 0)
        return [error('spec/invalid-type', path, `the document must be ${expected}, got ${typeName(input)}`, 'a fleet file is a YAML mapping with `region:` and `instances:` (see `ckafka schema`); check that the path names one')];
      const hint =
        typeof input === 'string' && issue.expected !== 'string' && input.trim() !== '' && !Number.isNaN(Number(input))
          ? `write ${input.trim()} without quotes`
          : issue.expected === 'int' && typeof input === 'number'
            ? // Disk and partitions go in steps of 100: suggest values that are valid, not 6000 or 6001.
              `use ${STEPPED_FIELDS.has(field) ? listOr(nearestSteps(input, 100)) : `${Math.floor(input)} or ${Math.ceil(input)}`}`
            : undefined;
      return [error('spec/invalid-type', path, `${describe(path, field)} must be ${expected}, got ${typeName(input)} (${describeValue(input)})`, hint)];
    }
    case 'unrecognized_keys': {
      const allowed = ctx.allowedKeys?.(path) ?? [];
      return issue.keys.map((key) => {
        const near = closestMatch(key, allowed);
        const hint = near !== undefined ? `did you mean \`${near}\`?` : allowed.length > 0 ? `allowed keys here: ${allowed.join(', ')}` : 'remove it';
        return error('spec/unknown-key', [...path, key], `unknown key \`${key}\``, hint);
      });
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const alias = field === 'edition' && typeof input === 'string' ? EDITION_ALIASES[input.toLowerCase()] : undefined;
      if (alias !== undefined)
        return [error('spec/unknown-edition', path, `edition "${String(input)}" is the API's name; declarations use ${values.join(', ')}`, `write edition: ${alias}`)];
      const near = typeof input === 'string' ? closestMatch(input, values) : undefined;
      const code = field === 'edition' ? 'spec/unknown-edition' : 'spec/invalid-value';
      return [
        error(code, path, `${describe(path, field)} must be ${listOr(values)}, got ${describeValue(input)}`, near !== undefined ? `did you mean ${near}?` : `use ${listOr(values)}`),
      ];
    }
    case 'invalid_format': {
      if (field === 'start' || field === 'end')
        return [error('spec/bad-time', path, `${describe(path, field)} must be a 24-hour time HH:MM, got ${describeValue(input)}`, 'write it with two digits each, e.g. "01:00" or "22:30"')];
      if (field === 'instanceId')
        return [error('spec/bad-instance-id', path, `instanceId ${describeValue(input)} is not a CKafka instance id`, 'instance ids look like ckafka-abc12345 (copy it from the console or `ckafka status`)')];
      if (field === 'region')
        return [error('spec/bad-region', path, `region ${describeValue(input)} is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou, ap-shanghai or ap-singapore')];
      return [error('spec/invalid-value', path, `${describe(path, field)} has the wrong format: ${describeValue(input)}`)];
    }
    case 'too_small': {
      if (issue.origin === 'array' && field === 'days')
        return [error('spec/empty-window', path, 'a window must open on at least one day', 'list days such as [sat, sun]')];
      if (issue.origin === 'string') return [error('spec/invalid-value', path, `${describe(path, field)} must not be empty`)];
      return [
        error(
          'spec/below-minimum',
          path,
          `${describe(path, field)} must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}, got ${describeValue(input)}`,
          issue.inclusive ? `use ${String(issue.minimum)} or more` : `use a value above ${String(issue.minimum)}`,
        ),
      ];
    }
    case 'too_big':
      return [
        error('spec/above-maximum', path, `${describe(path, field)} must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters long' : ''}, got ${describeValue(input)}`),
      ];
    case 'invalid_union':
      return mapUnion(issue, input, base, ctx);
    default:
      return [error('spec/invalid-value', path, `${describe(path, field)}: ${issue.message}`)];
  }
}

// The only union in the fleet file is `rebalance`: now | {at} | {window}. Report the errors of the
// branch the user evidently meant rather than zod's "no option matched".
function mapUnion(issue: z.core.$ZodIssueInvalidUnion, input: unknown, base: PathSegments, ctx: ZodMappingContext): RuleIssue[] {
  const path: PathSegments = [...base, ...(issue.path as Array<string | number>)];
  const branch =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? 'window' in input
        ? 2
        : 'at' in input
          ? 1
          : -1
      : -1;
  const nested = branch >= 0 ? issue.errors[branch] : undefined;
  if (nested !== undefined && nested.length > 0) return nested.flatMap((i) => mapZodIssue(i as ZodIssue, path, ctx));
  const hint =
    typeof input === 'string' && !Number.isNaN(Date.parse(input))
      ? `to start at a time, write rebalance: { at: "${input}" }`
      : 'write rebalance: now, rebalance: { at: "2026-12-05T02:00:00+08:00" } or rebalance: { window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }';
  return [error('spec/invalid-value', path, `\`rebalance\` must be now, { at: <time> } or { window: {...} }, got ${describeValue(input)}`, hint)];
}
