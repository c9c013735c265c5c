/**
 * The CLI's one error type: a kind (for the exit path and the JSON envelope), a message in the
 * user's terms, and the issues behind it. Everything else that escapes a command is a bug.
 */
import type { Issue } from '../spec/issues';

/** `usage`: wrong flags or arguments; `input`: a file or declaration is wrong; `cloud`: the cloud failed or refused; `internal`: a bug. */
export type CliErrorKind = 'usage' | 'input' | 'cloud' | 'internal';

const BRAND = Symbol.for('ckafka-iac.CliError');

export class CliError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'CliError';
  constructor(
    readonly kind: CliErrorKind,
    message: string,
    readonly issues: readonly Issue[] = [],
    readonly hint?: string,
  ) {
    super(message);
  }

  static isCliError(x: unknown): x is CliError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** A usage error: the flags or arguments are wrong. */
export function usageError(message: string, hint?: string): CliError {
  return new CliError('usage', message, [{ code: 'cli/usage', severity: 'error', path: '', message, ...(hint === undefined ? {} : { hint }) }], hint);
}
