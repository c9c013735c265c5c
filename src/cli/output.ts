/**
 * Where the CLI writes: results to stdout, everything else (progress, warnings, errors, the
 * "using the emulator" line) to stderr, so `--format json` output can be piped as is. Colour only
 * on a TTY and never under NO_COLOR.
 *
 * Everything printed goes through {@link write}, which removes the environment's secrets and
 * escapes every control character, bidi override and OSC sequence except the colour and cursor
 * sequences ckafka writes itself (`neutralizeTerminalOutput`). Text from the user or the cloud
 * is also escaped where it is put into the output, so none of it can pose as one of those.
 */
import { redact } from '../cloud/redact';
import { escapeTerminalLine, escapeTerminalText, neutralizeTerminalOutput } from '../render/escape-terminal';
import { sortIssues, type Issue } from '../spec/issues';
import type { CliError } from './cli-error';
import { cliRemedyWords } from './remedy-words';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Whether to colour a stream: a TTY, no NO_COLOR (any value), no --no-color, and not a dumb terminal. */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag || env.NO_COLOR !== undefined || env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const paint = (on: boolean, code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Secret values from the environment, to scrub from anything printed. */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  return [env.TENCENTCLOUD_SECRET_ID, env.TENCENTCLOUD_SECRET_KEY, env.TENCENTCLOUD_SESSION_TOKEN].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** Writes text with any secret from the environment removed and nothing a terminal would obey: the last line of defence. */
export function write(io: Io, stream: 'stdout' | 'stderr', text: string): void {
  io[stream].write(redact(neutralizeTerminalOutput(text), secretsOf(io.env)));
}

/** One issue for a human: where, what, and how to fix it. */
export function formatIssue(issue: Issue, color: boolean): string {
  const red = paint(color, '31');
  const yellow = paint(color, '33');
  const dim = paint(color, '2');
  const label = issue.severity === 'error' ? red(`error ${issue.code}`) : yellow(`warning ${issue.code}`);
  const where = [issue.file === undefined ? undefined : `${issue.file}${issue.line === undefined ? '' : `:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`}`, issue.path || undefined]
    .filter((x) => x !== undefined)
    .map(escapeTerminalLine)
    .join('  ');
  const lines = [`${label}${where ? `  ${dim(where)}` : ''}`, `  ${escapeTerminalText(issue.message)}`];
  const fix = [...(issue.hint === undefined ? [] : [issue.hint]), ...(issue.remedies ?? []).map(cliRemedyWords)].join('; or ');
  if (fix !== '') lines.push(`  ${dim('fix:')} ${escapeTerminalText(fix)}`);
  return lines.join('\n');
}

/** Issues for a human, sorted, separated by blank lines. */
export function formatIssues(issues: readonly Issue[], color: boolean): string {
  return sortIssues(issues).map((i) => formatIssue(i, color)).join('\n\n');
}

/** The JSON error envelope for `--format json`: stable kind, message and issue codes. */
export function errorEnvelope(err: CliError): string {
  return `${JSON.stringify({ error: { kind: err.kind, message: err.message, ...(err.hint === undefined ? {} : { hint: err.hint }), issues: sortIssues(err.issues) } }, null, 2)}\n`;
}
