/**
 * A compiler check that is not repeated while nothing it read has changed since it came out clean.
 *
 * The README type-check (test/docs/readme-code.test.ts) parses and binds some 800 files, src and
 * the declarations of every dependency, to check three short blocks: 5 s of each run. What the
 * compiler reports is a function of its version, its options and what its host answers: each file
 * read, each file and folder looked for, each path resolved. So a clean check records every
 * answer, and the next run asks the same questions again (0.1 s); when every answer, the `key`
 * (version, options, the check's own code) and this module are the same, the check would come out
 * clean again and is not repeated. Anything else runs it afresh: an edit in src, the README or a
 * tsconfig, another installed package, a file added where the resolver looked. A failing check
 * is never recorded, so it runs every time. The record is in node_modules/.cache/ckafka-iac/;
 * removing it forces a fresh check.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as ts from 'typescript';

type Question = 'fileExists' | 'directoryExists' | 'realpath' | 'readFile' | 'getSourceFile';
type Answer = [question: Question, about: string, answer: string];

const RECORDS = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'ckafka-iac');
const QUESTIONS: readonly string[] = ['fileExists', 'directoryExists', 'realpath', 'readFile', 'getSourceFile'] satisfies Question[];

function digest(text: string | undefined): string {
  return text === undefined ? 'none' : createHash('sha256').update(text).digest('base64');
}

/** The host's answer now, in the form it was recorded. */
function answerOf(host: ts.CompilerHost, question: Question, about: string): string {
  switch (question) {
    case 'fileExists':
      return String(host.fileExists(about));
    case 'directoryExists':
      return String(host.directoryExists?.(about));
    case 'realpath':
      return host.realpath?.(about) ?? about;
    // A source file's text is what the host reads from it.
    case 'readFile':
    case 'getSourceFile':
      return digest(host.readFile(about));
  }
}

/** `host`, with each first answer to each question kept in `answers`. */
function recording(host: ts.CompilerHost, answers: Map<string, Answer>): ts.CompilerHost {
  const note = <T>(question: Question, about: string, result: T, answer: string): T => {
    const k = `${question} ${about}`;
    if (!answers.has(k)) answers.set(k, [question, about, answer]);
    return result;
  };
  const { directoryExists, realpath } = host;
  return {
    ...host,
    fileExists: (f) => {
      const r = host.fileExists(f);
      return note('fileExists', f, r, String(r));
    },
    ...(directoryExists === undefined
      ? {}
      : {
          directoryExists: (d: string) => {
            const r = directoryExists(d);
            return note('directoryExists', d, r, String(r));
          },
        }),
    ...(realpath === undefined
      ? {}
      : {
          realpath: (p: string) => {
            const r = realpath(p);
            return note('realpath', p, r, r);
          },
        }),
    readFile: (f) => {
      const r = host.readFile(f);
      return note('readFile', f, r, digest(r));
    },
    getSourceFile: (f, languageVersion, onError, shouldCreate) => {
      const r = host.getSourceFile(f, languageVersion, onError, shouldCreate);
      return note('getSourceFile', f, r, digest(r?.text));
    },
  };
}

function readRecord(file: string): { key: string; answers: Answer[] } | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: unknown; answers?: unknown };
    const wellFormed = (a: unknown): a is Answer => Array.isArray(a) && a.length === 3 && QUESTIONS.includes(a[0] as string) && typeof a[1] === 'string' && typeof a[2] === 'string';
    if (typeof record.key !== 'string' || !Array.isArray(record.answers) || !record.answers.every(wellFormed)) return undefined;
    return { key: record.key, answers: record.answers };
  } catch {
    return undefined;
  }
}

function writeRecord(file: string, record: { key: string; answers: Answer[] }): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed: another run reads the old record or the new one, never half of one.
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, JSON.stringify(record));
  fs.renameSync(aside, file);
}

/**
 * The problems `check` finds through `host`, or none without running it when a clean run named
 * `name` under the same `key` got the same answer to every question it asked the host.
 */
export function reuseCleanCheck(name: string, key: unknown, host: ts.CompilerHost, check: (host: ts.CompilerHost) => string[]): string[] {
  const file = path.join(RECORDS, `${name}.json`);
  const keyText = digest(JSON.stringify([key, fs.readFileSync(__filename, 'utf8')]));
  const last = readRecord(file);
  if (last !== undefined && last.key === keyText && last.answers.every(([question, about, answer]) => answerOf(host, question, about) === answer)) return [];
  const answers = new Map<string, Answer>();
  const problems = check(recording(host, answers));
  if (problems.length === 0) writeRecord(file, { key: keyText, answers: [...answers.values()] });
  return problems;
}
