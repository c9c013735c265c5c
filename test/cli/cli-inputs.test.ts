/**
 * What `ckafka` says about bad input, and its offline commands, in process: missing files, folders
 * without fleet files, YAML errors with their line, wrong types, unknown keys, unknown commands
 * and flags, the JSON error envelope, validate, schema, --help, --version and colour. The binary's
 * own exit codes, streams and colour are test/e2e/cli-exit-codes.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANSI, ROOT, SEED, fleetYaml, statePathIn, tempDir, writeFile, writeSeedState } from '../support/workspace';
import { ckafka } from '../support/run-cli';

let tmp: ReturnType<typeof tempDir>;
let cwd: string;

beforeAll(async () => {
  tmp = tempDir();
  cwd = tmp.dir;
  writeFile(path.join(cwd, 'good', 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
  fs.mkdirSync(path.join(cwd, 'empty'));
  writeFile(path.join(cwd, 'empty', 'notes.yaml'), 'not: a fleet file by name\n');
  // Line 5 is indented wrongly.
  writeFile(
    path.join(cwd, 'syntax', 'ckafka.yaml'),
    ['region: ap-guangzhou', 'instances:', '  - name: payments', `    instanceId: ${SEED.payments.id}`, '  edition: pro', '    bandwidthMBps: 120', ''].join('\n'),
  );
  writeFile(
    path.join(cwd, 'typos', 'ckafka.yaml'),
    ['region: ap-guangzhou', 'instances:', '  - name: payments', `    instanceId: ${SEED.payments.id}`, '    edition: pro', '    bandwidthMbps: 120', '    diskGB: "lots"', '    partitions: 1200', ''].join('\n'),
  );
  await writeSeedState(statePathIn(cwd));
});
afterAll(() => tmp.cleanup());

const issuesOf = (stdout: string): Array<{ code: string; path: string; message: string; hint?: string; file?: string; line?: number }> => {
  const envelope = JSON.parse(stdout);
  expect(Object.keys(envelope)).toEqual(['error']);
  expect(typeof envelope.error.kind).toBe('string');
  expect(typeof envelope.error.message).toBe('string');
  return envelope.error.issues;
};

describe('bad input', () => {
  it('a missing file: exit 1, cli/file-not-found naming it', async () => {
    const r = await ckafka(['plan', 'nope.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error cli\/file-not-found\s+nope\.yaml\n\s+nope\.yaml does not exist/);
    expect(r.stdout).toBe('');
  });

  it('a folder without fleet files: exit 1, cli/unsupported-input with the naming rule', async () => {
    const r = await ckafka(['plan', 'empty'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error cli\/unsupported-input\s+empty\n\s+empty holds no fleet file/);
    expect(r.stderr).toContain('ckafka.yaml or <name>.ckafka.yaml');
  });

  it('a YAML syntax error is reported with its file and line', async () => {
    const text = await ckafka(['plan', 'syntax'], { cwd });
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/error fleet\/yaml-syntax\s+syntax\/ckafka\.yaml:5(:\d+)?/);

    const json = await ckafka(['validate', 'syntax', '--format', 'json'], { cwd });
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.valid).toBe(false);
    expect(out.issues.length).toBeGreaterThan(0);
    for (const i of out.issues) expect(i).toMatchObject({ code: 'fleet/yaml-syntax', file: 'syntax/ckafka.yaml', line: 5 });
  });

  it('wrong types and unknown keys: each issue with its path and line, the unknown key with the closest one', async () => {
    const r = await ckafka(['plan', 'typos', '--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    const issues = issuesOf(r.stdout);
    // The misspelt required key is one issue: the did-you-mean says it is required.
    expect(issues.map((i) => i.code).sort()).toEqual(['spec/invalid-type', 'spec/unknown-key']);
    expect(issues.find((i) => i.code === 'spec/unknown-key')).toMatchObject({ path: 'instances[0].bandwidthMbps', message: 'unknown key `bandwidthMbps`, and `bandwidthMBps` is required', hint: 'did you mean `bandwidthMBps`? rename the key', file: 'typos/ckafka.yaml', line: 6 });
    expect(issues.find((i) => i.code === 'spec/invalid-type')).toMatchObject({ path: 'instances[0].diskGB', file: 'typos/ckafka.yaml', line: 7 });
    expect(issues.find((i) => i.code === 'spec/invalid-type')?.message).toMatch(/must be a number, got a string/);
    // The same for a human on stderr.
    const text = await ckafka(['plan', 'typos'], { cwd });
    expect(text.stderr).toMatch(/error spec\/unknown-key\s+typos\/ckafka\.yaml:6:\d+\s+instances\[0\]\.bandwidthMbps\n\s+unknown key `bandwidthMbps`, and `bandwidthMBps` is required\n\s+fix: did you mean `bandwidthMBps`\? rename the key/);
    expect(text.stderr).not.toContain('is required\n  fix: add bandwidthMBps');
  });

  it('the JSON error envelope: {"error": {kind, message, issues}} on stdout, the human text on stderr', async () => {
    const r = await ckafka(['plan', 'nope.yaml', '--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    const envelope = JSON.parse(r.stdout);
    expect(envelope).toEqual({
      error: {
        kind: 'input',
        message: expect.any(String),
        issues: [expect.objectContaining({ code: 'cli/file-not-found', severity: 'error', file: 'nope.yaml' })],
      },
    });
    expect(r.stderr).toMatch(/cli\/file-not-found/);
  });

  it('an unknown command: exit 1 with the closest command', async () => {
    const r = await ckafka(['plna'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown command "plna"\n\s+fix: did you mean `ckafka plan`\?/);
    const json = await ckafka(['aply', '--format', 'json'], { cwd });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ kind: 'usage', issues: [{ code: 'cli/usage' }] });
    expect(JSON.parse(json.stdout).error.hint).toMatch(/ckafka apply/);
  });

  it('an unknown flag: exit 1 with the closest flag', async () => {
    const r = await ckafka(['plan', 'good', '--detailed-exit-code'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown option --detailed-exit-code for `ckafka plan`\n\s+fix: did you mean --detailed-exitcode\?/);
    const apply = await ckafka(['apply', 'plan.json', '--poll-intervall', '1s'], { cwd });
    expect(apply.stderr).toMatch(/did you mean --poll-interval\?/);
  });

  it('a bad --format value names the allowed ones', async () => {
    const r = await ckafka(['plan', 'good', '--format', 'yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--format must be text, markdown, json; got "yaml"/);
  });

  it.each([
    ['--concurrency', '0'],
    ['--max-running', 'two'],
  ])('apply %s %s: a usage error before the plan is read', async (flag, value) => {
    const r = await ckafka(['apply', 'nope.json', flag, value], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${flag} must be a positive whole number; got "${value}"`);
  });

  it('apply: a missing plan file, a file that is not a plan, a plan edited by hand', async () => {
    const missing = await ckafka(['apply', 'nope.json', '--format', 'json'], { cwd });
    expect(missing.code).toBe(1);
    expect(issuesOf(missing.stdout).map((i) => i.code)).toEqual(['cli/file-not-found']);

    writeFile(path.join(cwd, 'not-a-plan.json'), '{"hello": 1}\n');
    const notPlan = await ckafka(['apply', 'not-a-plan.json', '--format', 'json'], { cwd });
    expect(notPlan.code).toBe(1);
    expect(issuesOf(notPlan.stdout).map((i) => i.code)).toEqual(['apply/plan-unreadable']);

    const planned = await ckafka(['plan', 'good', '--out', 'edited.json'], { cwd });
    expect(planned.code).toBe(0);
    const file = path.join(cwd, 'edited.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"bandwidthMBps": 160', '"bandwidthMBps": 400'));
    expect(fs.readFileSync(file, 'utf8')).toContain('"bandwidthMBps": 400');
    const edited = await ckafka(['apply', 'edited.json'], { cwd });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(/error apply\/plan-modified\s+edited\.json\s+digest\n\s+edited\.json was changed after it was planned/);
    expect(edited.stdout).toBe('');
  });
});

describe('validate and schema (offline)', () => {
  it('validate: exit 0 with a count, touching no cloud', async () => {
    const dir = path.join(cwd, 'offline');
    writeFile(path.join(dir, 'ckafka.yaml'), fleetYaml({ payments: { bw: 160 } }));
    const r = await ckafka(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('valid: 1 instance in ckafka.yaml\n');
    expect(r.stderr).toBe('');
    expect(fs.existsSync(path.join(dir, '.ckafka'))).toBe(false);
  });

  it('validate: exit 1 on an invalid file; --format json gives the issues', async () => {
    const r = await ckafka(['validate', 'typos', '--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: false, files: ['typos/ckafka.yaml'], instances: null });
    expect(out.issues.map((i: { code: string }) => i.code)).toContain('spec/unknown-key');
  });

  it('schema: prints the committed fleet JSON Schema', async () => {
    const r = await ckafka(['schema'], { cwd });
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.type).toBe('object');
    expect(schema.properties).toHaveProperty('instances');
    expect(schema).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'fleet.schema.json'), 'utf8')));
  });
});

describe('help, version, colour', () => {
  it.each(['plan', 'apply', 'status', 'validate', 'schema', 'doctor', 'emulator'])('ckafka %s --help: usage and an example, exit 0', async (command) => {
    const r = await ckafka([command, '--help'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^ckafka ${command}: `));
    expect(r.stdout).toMatch(/Usage:/);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n\\s+(\\S+=\\S+ )?ckafka ${command === 'emulator' ? 'emulator' : command}`));
  });

  it('ckafka --help lists every command; no command prints it and exits 1', async () => {
    const help = await ckafka(['--help'], { cwd });
    expect(help.code).toBe(0);
    for (const c of ['plan', 'apply', 'status', 'validate', 'schema', 'doctor', 'emulator serve']) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const none = await ckafka([], { cwd });
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(help.stdout);
  });

  it('--version prints the package version', async () => {
    const r = await ckafka(['--version'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('no ANSI codes when stdout/stderr are not a TTY, nor under NO_COLOR or --no-color even when colour is forced', async () => {
    const forced = await ckafka(['validate', 'typos'], { cwd, env: { FORCE_COLOR: '1' } });
    // The control: forced colour does colour, so the checks below can fail.
    expect(forced.stderr).toMatch(ANSI);

    const piped = await ckafka(['validate', 'typos'], { cwd });
    const noColor = await ckafka(['validate', 'typos'], { cwd, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    const flag = await ckafka(['validate', 'typos', '--no-color'], { cwd, env: { FORCE_COLOR: '1' } });
    const plan = await ckafka(['plan', 'good'], { cwd, env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    for (const r of [piped, noColor, flag]) {
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(ANSI);
      expect(r.stderr).toContain('error spec/unknown-key');
    }
    expect(plan.code).toBe(0);
    expect(plan.stdout + plan.stderr).not.toMatch(ANSI);
  });
});
