/**
 * The files of a synthesized cdktf app: `manifest.json`, which names the stacks, and each stack's
 * Terraform JSON. Every file is read through `io/read-input-file` inside the output folder, so a
 * manifest cannot send ckafka elsewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeJsonError } from '../io/describe-json-error';
import { readInputFile } from '../io/read-input-file';
import { joinPath, type Issue } from '../spec/issues';
import { cdktfIssue } from './cdktf-issue';
import { isRecord, type Json } from './terraform-json';

/** The hint of every issue that says the input is not a synthesized app. */
export const SYNTH_HINT = 'pass the output directory of `cdktf synth` or `cdktn synth` (or of your app, where `app.synth()` writes it), e.g. cdktf.out';

/** A stack of the app and the file it was synthesized to. */
export interface StackRef {
  readonly name: string;
  readonly file: string;
}

function readJson(file: string, dir: string): { value?: unknown; error?: string; issue?: Issue } {
  const read = readInputFile(file, { within: dir, what: 'a cdktf output file' });
  if (read.issue !== undefined) return read.issue.code === 'cli/file-not-found' ? { error: read.issue.message.replace(`${file} `, 'it ') } : { issue: read.issue };
  try {
    return { value: JSON.parse(read.text) };
  } catch (e) {
    return { error: describeJsonError(e, read.text) };
  }
}

/** Reads `manifest.json` in `dir`: the stacks, sorted by name, and where each was synthesized; pushes its issues. */
export function readCdktfManifest(dir: string, issues: Issue[]): StackRef[] | undefined {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(dir)) {
    issues.push(cdktfIssue('cli/file-not-found', '', `the directory ${dir} does not exist`, SYNTH_HINT, dir));
    return undefined;
  }
  const read = readJson(manifestFile, dir);
  if (read.issue !== undefined) {
    issues.push(read.issue);
    return undefined;
  }
  if (read.error !== undefined) {
    issues.push(cdktfIssue('cli/unsupported-input', '', `${manifestFile} is not a cdktf manifest: ${read.error}`, SYNTH_HINT, manifestFile));
    return undefined;
  }
  const stacks = isRecord(read.value) ? read.value.stacks : undefined;
  if (!isRecord(stacks)) {
    issues.push(cdktfIssue('cli/unsupported-input', 'stacks', `${manifestFile} has no \`stacks\` object, so it is not a cdktf manifest`, SYNTH_HINT, manifestFile));
    return undefined;
  }
  const refs: StackRef[] = [];
  for (const name of Object.keys(stacks).sort()) {
    const stack = stacks[name];
    const synthesized = isRecord(stack) ? stack.synthesizedStackPath : undefined;
    if (typeof synthesized !== 'string' || synthesized === '') {
      issues.push(cdktfIssue('cli/unsupported-input', joinPath('stacks', name), `stack ${name} in ${manifestFile} has no synthesizedStackPath`, SYNTH_HINT, manifestFile));
      continue;
    }
    refs.push({ name, file: path.join(dir, synthesized) });
  }
  return refs;
}

/** Reads one stack's Terraform JSON configuration; pushes its issues and returns `undefined` when it cannot be read. */
export function readStackJson(stack: StackRef, dir: string, issues: Issue[]): Json | undefined {
  if (!stack.file.endsWith('.json')) {
    issues.push(
      cdktfIssue(
        'cli/unsupported-input',
        '',
        `stack ${stack.name} was synthesized as HCL (${stack.file}); ckafka-iac reads the JSON output`,
        'synthesize without hclOutput / SYNTH_HCL_OUTPUT so each stack writes cdk.tf.json',
        stack.file,
      ),
    );
    return undefined;
  }
  const read = readJson(stack.file, dir);
  if (read.issue !== undefined) {
    issues.push(read.issue);
    return undefined;
  }
  if (read.error !== undefined || !isRecord(read.value)) {
    issues.push(cdktfIssue('cli/unsupported-input', '', `${stack.file} cannot be read as a Terraform JSON configuration: ${read.error ?? 'it is not an object'}`, SYNTH_HINT, stack.file));
    return undefined;
  }
  return read.value;
}
