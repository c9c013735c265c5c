/**
 * Argument parsing on node:util's parseArgs (no dependency), with errors in the user's terms:
 * an unknown flag names the closest known one.
 */
import { parseArgs } from 'node:util';
import { closestMatch } from '../spec/suggest';
import { parseInstant } from '../spec/time';
import { usageError } from './cli-error';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

export type Flags = Record<string, FlagSpec>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

/** Flags every command takes. */
export const COMMON_FLAGS: Flags = {
  help: { type: 'boolean', short: 'h' },
  'no-color': { type: 'boolean' },
};

/** The flags that choose a cloud, shared by plan, apply and status. */
export const CLOUD_FLAGS = {
  endpoint: { type: 'string' },
  emulator: { type: 'boolean' },
  'emulator-state': { type: 'string' },
  region: { type: 'string' },
} as const;

/** Reads `--now`, for reproducible runs. */
export function nowFlag(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseInstant(value);
  if (d === undefined) throw usageError(`--now must be an ISO-8601 time with an offset, e.g. 2026-11-23T10:00:00Z; got "${value}"`);
  return d;
}

/** Parses `argv` against `flags`; unknown flags and missing values are usage errors. */
export function parseCommandArgs(command: string, argv: readonly string[], flags: Flags): ParsedArgs {
  const all = { ...COMMON_FLAGS, ...flags };
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: all, strict: true, allowPositionals: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const err = e as Error & { code?: string };
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(err.message)?.[1];
    if (unknown !== undefined) {
      const near = closestMatch(unknown.replace(/^-+/, ''), Object.keys(all));
      throw usageError(`unknown option ${unknown} for \`ckafka ${command}\``, near ? `did you mean --${near}? (see ckafka ${command} --help)` : `see ckafka ${command} --help`);
    }
    const missing = /Option '(-[^']+)' argument missing/.exec(err.message)?.[1];
    if (missing !== undefined) throw usageError(`option ${missing.replace(/ <value>$/, '').replace(/, .*$/, '')} needs a value`, `see ckafka ${command} --help`);
    throw usageError(err.message.split('\n')[0] ?? 'invalid arguments', `see ckafka ${command} --help`);
  }
}

/** A string flag, or `undefined`. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function listFlag(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? (v as string[]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter((x) => x !== '') : [];
}

/** One of a fixed set of values, or a usage error naming them. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  const near = closestMatch(v, choices);
  throw usageError(`--${name} must be ${choices.join(', ')}; got "${v}"`, near ? `did you mean --${name} ${near}?` : undefined);
}

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration such as `90s`, `30m`, `2h`, `1d` or `1h30m` into milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  const total = parts.reduce((sum, m) => sum + Number(m[1]) * (UNITS_MS[m[2] ?? 's'] ?? 0), 0);
  if (parts.length === 0 || parts.map((m) => m[0]).join('') !== text || total <= 0)
    throw usageError(`--${flag} must be a duration such as 30m, 2h or 1d; got "${text}"`);
  return total;
}

/** A positive integer flag. */
export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`--${name} must be a positive whole number; got "${v}"`);
  return n;
}
