/**
 * The one input-reading path: regular files of bounded size, strict UTF-8 text, a folder that
 * really contains its files, and content never quoted back.
 */
import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeJsonError } from '../../src/io/describe-json-error';
import { decodeInputText, firstInvalidUtf8, readInputFile } from '../../src/io/read-input-file';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-read-input-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
};
const SECRET = 'npm_SECRETVALUEq7Zk2Lw9';

describe('readInputFile', () => {
  it('reads a regular file as text, dropping a UTF-8 byte order mark', () => {
    expect(readInputFile(file('ok.yaml', 'region: ap-guangzhou\n'))).toEqual({ text: 'region: ap-guangzhou\n' });
    expect(readInputFile(file('bom.yaml', Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('a: 1\n')])))).toEqual({ text: 'a: 1\n' });
  });

  it('a missing file: cli/file-not-found with the hint given', () => {
    expect(readInputFile(path.join(dir, 'nope.yaml'), { display: 'nope.yaml', missingHint: 'pass a fleet file' }).issue).toMatchObject({
      code: 'cli/file-not-found',
      file: 'nope.yaml',
      message: 'nope.yaml does not exist',
      hint: 'pass a fleet file',
    });
  });

  it('a folder, a character device, a FIFO: cli/not-a-regular-file, without waiting on it', () => {
    fs.mkdirSync(path.join(dir, 'folder.yaml'));
    expect(readInputFile(path.join(dir, 'folder.yaml'), { display: 'folder.yaml', what: 'a fleet file' }).issue).toMatchObject({ code: 'cli/not-a-regular-file', message: 'folder.yaml is a folder, not a fleet file' });
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    expect(readInputFile(path.join(dir, 'zero.yaml'), { display: 'zero.yaml', what: 'a fleet file' }).issue).toMatchObject({ code: 'cli/not-a-regular-file', message: 'zero.yaml is a character device, not a fleet file' });
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    // No writer ever opens it: reading it would block forever.
    expect(readInputFile(path.join(dir, 'fifo.yaml'), { display: 'fifo.yaml', what: 'a fleet file' }).issue).toMatchObject({ code: 'cli/not-a-regular-file', message: 'fifo.yaml is a FIFO (named pipe), not a fleet file' });
  });

  it('a file over the limit: cli/input-too-large with its size and the limit', () => {
    const big = file('big.yaml', 'x'.repeat(2_500_000));
    expect(readInputFile(big, { display: 'big.yaml', what: 'a fleet file', maxBytes: 1_000_000 }).issue).toMatchObject({
      code: 'cli/input-too-large',
      message: 'big.yaml is 2.5 MB; ckafka reads fleet files of at most 1 MB',
      hint: expect.stringContaining('is the file you meant (a fleet file)'),
    });
    expect(readInputFile(big, { maxBytes: 2_500_000 }).text?.length).toBe(2_500_000);
  });

  it.each([
    ['a stray Latin-1 byte', Buffer.concat([Buffer.from(`name: caf${SECRET}\nx: `), Buffer.from([0xe9]), Buffer.from('\n')]), 'cli/not-utf8', 36, 2, /byte offset 36 \(0xe9, line 2\) is not valid UTF-8/],
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'cli/not-utf8', 0, 1, /byte offset 0 \(0x89, line 1\)/],
    ['a NUL byte', Buffer.from(`a: 1\nb: ${SECRET}\u0000\n`), 'cli/not-text', 31, 2, /byte offset 31 \(line 2\) is the control character U\+0000, as in binary files/],
    ['an escape sequence', Buffer.from(`name: "\u001b]52;c;${SECRET}\u0007"\n`), 'cli/not-text', 7, 1, /byte offset 7 \(line 1\) is the control character U\+001B/],
  ])('%s: refused with the offset and line of the first bad byte, the content never quoted', (_what, bytes, code, offset, line, message) => {
    const r = readInputFile(file(`bad-${offset}-${line}.yaml`, bytes), { display: 'bad.yaml' });
    expect(r.issue).toMatchObject({ code, line, file: 'bad.yaml' });
    expect(r.issue?.message).toMatch(message);
    expect(r.issue?.message).toContain(`offset ${offset}`);
    expect(JSON.stringify(r.issue)).not.toContain('SECRET');
  });

  it('a file of a folder must really be in it: .. and symbolic links out are cli/path-outside', () => {
    const out = path.join(dir, 'cdktf.out');
    file('cdktf.out/stacks/a/cdk.tf.json', '{}');
    file('outside.json', `{"token": "${SECRET}"}`);
    fs.symlinkSync(path.join(dir, 'outside.json'), path.join(out, 'stacks', 'link.json'));
    expect(readInputFile(path.join(out, 'stacks/a/cdk.tf.json'), { within: out }).text).toBe('{}');
    for (const p of [path.join(out, 'stacks/../../outside.json'), path.join(out, 'stacks/link.json')]) {
      const r = readInputFile(p, { within: out, display: 'x' });
      expect(r.issue).toMatchObject({ code: 'cli/path-outside' });
      expect(JSON.stringify(r)).not.toContain('SECRET');
    }
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['ASCII', [0x61, 0x62], -1],
    ['two, three and four byte forms', [...Buffer.from('é€😀')], -1],
    ['a continuation byte first', [0x61, 0x80], 1],
    ['an overlong form', [0x61, 0xc0, 0x80], 1],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], 0],
    ['a surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut short', [0x61, 0xe2, 0x82], 1],
  ])('%s', (_what, bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
    // Node agrees on validity.
    expect(isUtf8(Uint8Array.from(bytes))).toBe(offset === -1);
  });

  it('decodeInputText accepts tabs, line ends and printable Unicode (bidi marks are for the output to escape)', () => {
    expect(decodeInputText(Buffer.from('a:\tb\r\nc: "\u202e\u0085"\n'), 'f')).toEqual({ text: 'a:\tb\r\nc: "\u202e\u0085"\n' });
  });
});

describe('describeJsonError', () => {
  const reason = (text: string) => {
    try {
      JSON.parse(text);
    } catch (e) {
      return describeJsonError(e, text);
    }
    return 'parsed';
  };
  it.each([
    [`//registry.npmjs.org/:_authToken=${SECRET}`, 'it is not valid JSON'],
    ['{"a": 1,\n "b": ', 'it is not valid JSON: it ends too early'],
    ['{"a": 1}\n{"b": 2}', 'it is not valid JSON: line 2, character 1'],
    ['{\n  "a": 1,\n  b: 2}', 'it is not valid JSON: line 3, character 3'],
  ])('%j: %s', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });
});
