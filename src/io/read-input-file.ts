/**
 * The one way ckafka reads a file the user points it at (fleet files, cdktf stacks, plans,
 * overrides): a regular file of bounded size, read without blocking, decoded as strict UTF-8
 * text. Everything else is refused with an issue that names the file and what it is, and never
 * quotes its content: a path may lead to a device, a FIFO, a huge file or someone's credentials.
 */
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import type { Issue, IssueCode } from '../spec/issues';

/**
 * The largest input read, 8 MB: about 60,000 declared instances in a fleet file, several times
 * the largest fleet planned in the benchmarks, and small enough that parsing it stays within
 * seconds and under a GB (docs/performance.md).
 */
export const MAX_INPUT_BYTES = 8_000_000;

/** The largest plan read, 128 MB: a plan of a 10,000-instance fleet is a few tens of MB. */
export const MAX_PLAN_BYTES = 128_000_000;

/** Options of {@link readInputFile}. */
export interface ReadInputOptions {
  /** The file as issues name it (relative to the working directory). @default the path given */
  readonly display?: string;
  /** What the file should be, for messages: `a fleet file`, `a plan`. @default 'an input file' */
  readonly what?: string;
  /** Largest size accepted, in bytes. @default {@link MAX_INPUT_BYTES} */
  readonly maxBytes?: number;
  /**
   * A folder the file must really be in once symbolic links and `..` are resolved (a cdktf.out:
   * a manifest cannot send ckafka to read files elsewhere). @default - anywhere
   */
  readonly within?: string;
  /** How to fix it when the file is missing. @default 'check the path' */
  readonly missingHint?: string;
}

/** The text of the file, or the one issue that stopped it being read. */
export type ReadInputResult = { readonly text: string; readonly issue?: undefined } | { readonly text?: undefined; readonly issue: Issue };

function fail(code: IssueCode, file: string, message: string, hint: string, line?: number): ReadInputResult {
  return { issue: { code, severity: 'error', path: '', message, hint, file, ...(line === undefined ? {} : { line }) } };
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `12.3 MB` (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [n, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : [bytes / 1e6, 'MB'];
  return `${n.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

/** True when `child` is `parent` or inside it (both absolute, resolved). */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and values
 * past U+10FFFF included), or -1 when all of it is.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * The offset of the first character YAML and JSON text cannot hold raw: C0 controls other than
 * tab, line feed and carriage return, DEL, and C1 controls other than NEL (YAML 1.2
 * `c-printable`), or -1. A NUL here is the usual sign of a binary file.
 */
export function firstControlCharacter(text: string): number {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f]/.exec(text);
  return m === null ? -1 : m.index;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Reads at most `limit` bytes from an open file, whatever its size claims (procfs, a growing file). */
function readUpTo(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
    if (chunk.length === 0) break;
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads a user's input file as text. Refuses (with one issue, never quoting the content): a
 * missing or unreadable path (`cli/file-not-found`); anything but a regular file, such as a FIFO,
 * a device or a folder (`cli/not-a-regular-file`), without opening it for long; a file larger
 * than `maxBytes` (`cli/input-too-large`); a file whose real path leaves `within`
 * (`cli/path-outside`); bytes that are not UTF-8 (`cli/not-utf8`, with the offset and line of the
 * first bad byte); control characters (`cli/not-text`, likewise). A UTF-8 byte order mark is
 * dropped.
 */
export function readInputFile(file: string, options: ReadInputOptions = {}): ReadInputResult {
  const shown = options.display ?? file;
  const what = options.what ?? 'an input file';
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? fail('cli/file-not-found', shown, `${shown} does not exist`, options.missingHint ?? 'check the path')
      : fail('cli/file-not-found', shown, `cannot read ${shown}: ${code ?? 'unknown error'}`, 'check the path and its permissions');
  }
  if (options.within !== undefined) {
    let root: string;
    try {
      root = fs.realpathSync(options.within);
    } catch {
      root = path.resolve(options.within);
    }
    if (!isInside(root, real))
      return fail('cli/path-outside', shown, `${shown} leads outside ${options.within} (through a symbolic link or ..), so it is not read`, `keep every file of ${options.within} inside it; synthesize again rather than linking files in`);
  }
  let fd: number;
  try {
    // Refuse what is not a regular file before opening it: opening a FIFO waits for a writer.
    const before = fs.statSync(real);
    if (!before.isFile()) return fail('cli/not-a-regular-file', shown, `${shown} is ${kindOf(before)}, not ${what}`, `pass ${what} (a regular file)`);
    if (before.size > max) return tooLarge(shown, what, max, before.size);
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return fail('cli/file-not-found', shown, `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`, 'check the path and its permissions');
  }
  let bytes: Buffer;
  try {
    // The path may have been swapped between the check and the open: check what was opened.
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return fail('cli/not-a-regular-file', shown, `${shown} is ${kindOf(opened)}, not ${what}`, `pass ${what} (a regular file)`);
    bytes = readUpTo(fd, max + 1);
  } catch (e) {
    return fail('cli/file-not-found', shown, `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`, 'check the path and its permissions');
  } finally {
    fs.closeSync(fd);
  }
  // Larger than its size said (a growing file, a file in /proc): its real size is unknown.
  if (bytes.length > max) return tooLarge(shown, what, max);
  return decodeInputText(bytes, shown, what);
}

function tooLarge(shown: string, what: string, max: number, size?: number): ReadInputResult {
  return fail(
    'cli/input-too-large',
    shown,
    `${shown} is ${size === undefined ? `larger than ${formatBytes(max)}` : formatBytes(size)}; ckafka reads ${what.replace(/^an? /, '')}s of at most ${formatBytes(max)}`,
    `check that ${shown} is the file you meant (${what}); inputs this large are refused so that a wrong path cannot exhaust memory`,
  );
}

/**
 * Decodes bytes as strict UTF-8 text fit for YAML or JSON, or the issue that says where the first
 * bad byte is. Never quotes the content.
 */
export function decodeInputText(bytes: Uint8Array, shown: string, what = 'an input file'): ReadInputResult {
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    const offset = at < 0 ? 0 : at;
    const b = bytes[offset] ?? 0;
    return fail(
      'cli/not-utf8',
      shown,
      `${shown} is not UTF-8 text: byte offset ${offset} (0x${b.toString(16).padStart(2, '0')}, line ${lineAt(bytes, offset)}) is not valid UTF-8`,
      `pass ${what}, saved as UTF-8`,
      lineAt(bytes, offset),
    );
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const control = firstControlCharacter(text);
  if (control >= 0) {
    const offset = Buffer.byteLength(text.slice(0, control)) + (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
    const code = text.charCodeAt(control);
    return fail(
      'cli/not-text',
      shown,
      `${shown} is not a text file: byte offset ${offset} (line ${lineAt(bytes, offset)}) is the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ', as in binary files' : ''}`,
      `pass ${what}; write control characters in quoted strings as escapes (\\e, \\u001b) if they are really meant`,
      lineAt(bytes, offset),
    );
  }
  return { text };
}
