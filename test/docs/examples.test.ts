/**
 * The documentation's commands must exist: every `ckafka <command> --flag` in the README, the
 * docs and the GitHub Actions example is a command the CLI has and a flag its help documents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { HELP } from '../../src/cli/help';
import type { LooseJson } from '../support/loose-json';

const root = path.join(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

const SOURCES = ['README.md', 'examples/github-actions/ckafka.yml', 'examples/github-actions/README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Invocation {
  readonly file: string;
  readonly command: string;
  readonly flags: string[];
  readonly text: string;
}

function invocations(file: string): Invocation[] {
  const out: Invocation[] = [];
  for (const m of read(file).matchAll(/(?:npx |^|\s)ckafka ((?:emulator )?[a-z]+)([^\n`|)]*)/gm)) {
    const command = (m[1] ?? '').trim();
    const rest = m[2] ?? '';
    out.push({ file, command, flags: [...rest.matchAll(/(?:^|\s)(--[a-z-]+)/g)].map((f) => f[1] as string), text: `ckafka ${command}${rest}`.trim() });
  }
  return out;
}

const all = SOURCES.flatMap(invocations);
const known = ['plan', 'apply', 'status', 'validate', 'schema', 'help', 'queue', 'doctor', 'emulator init', 'emulator serve', 'emulator snapshot'];

describe('commands in the documentation', () => {
  it('finds invocations to check', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.filter((i) => known.some((k) => i.command === k || i.command.startsWith('emulator')) || /^[a-z]+$/.test(i.command)).map((i) => [i.file, i.text, i]))(
    '%s: `%s` uses a real command and documented flags',
    (_file, _text, inv) => {
      const { command, flags } = inv as Invocation;
      const base = command.startsWith('emulator') ? 'emulator' : command;
      // Prose such as "ckafka-iac" or "ckafka plans" is not an invocation.
      if (!known.includes(command) && !command.startsWith('emulator')) return;
      const help = HELP[base];
      expect(help).toBeDefined();
      for (const flag of flags) expect(`${help} --help --no-color`).toContain(flag);
    },
  );
});

describe('the GitHub Actions example', () => {
  const workflow = parse(read('examples/github-actions/ckafka.yml')) as LooseJson;

  it('is valid YAML with the three jobs', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'record', 'apply']);
  });

  it('applies the plans saved on the pull requests, never new ones, checked against main\'s fleet files', () => {
    const applySteps = JSON.stringify(workflow.jobs.apply.steps);
    expect(applySteps).toContain('ckafka queue apply .ckafka-queue --fleet fleet/');
    expect(applySteps).not.toContain('ckafka plan ');
    expect(JSON.stringify(workflow.jobs.record.steps)).toContain('ckafka-queue.sh record');
    expect(JSON.stringify(workflow.jobs.plan.steps)).toContain('--out plan.json');
  });

  it('never gives the job that runs pull-request code a key that can change instances', () => {
    expect(workflow.env?.TENCENTCLOUD_SECRET_KEY).toBeUndefined();
    expect(workflow.jobs.plan.env.TENCENTCLOUD_SECRET_KEY).toBe('${{ secrets.CKAFKA_READ_SECRET_KEY }}');
    expect(workflow.jobs.apply.environment).toBe('production');
    expect(workflow.jobs.apply.env.TENCENTCLOUD_SECRET_KEY).toBe('${{ secrets.TENCENTCLOUD_SECRET_KEY }}');
    // The record job only moves plans: it holds no cloud key at all.
    expect(JSON.stringify(workflow.jobs.record)).not.toContain('TENCENTCLOUD_SECRET');
  });

  it('keeps one comment per pull request through the plan marker', () => {
    const steps = JSON.stringify(workflow.jobs.plan.steps);
    expect(steps).toContain('--marker fleet');
    expect(steps).toContain('<!-- ckafka-iac plan: fleet -->');
  });
});

describe('the README for a new user', () => {
  const readme = read('README.md');
  // What a terminal shows before any scrolling.
  const firstScreen = readme.split('\n').slice(0, 24).join('\n');

  it('shows on its first screen how to add ckafka-iac to a repository, pin it and run it', () => {
    expect(firstScreen).toContain('npm install -D --save-exact ckafka-iac');
    expect(firstScreen).toMatch(/pinned/);
    expect(firstScreen).toMatch(/^npx ckafka (validate|plan) /m);
    expect(firstScreen).toContain('npm ci');
  });

  it('says the "which cloud" line is printed on every run, not only the first', () => {
    expect(readme).not.toMatch(/first run prints/i);
    expect(readme).toMatch(/Every run without `TENCENTCLOUD_SECRET_ID`\/`TENCENTCLOUD_SECRET_KEY` prints one line on stderr/);
  });
});
