/**
 * The GitHub Actions example: valid against the workflow schema (with @action-validator/cli, when
 * installed), a time limit on every job, shell that parses, and a merge that queues the reviewed
 * plan instead of planning again. Its queue script run for real is test/gitops/queue-script.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT, fleetYaml, tempDir, writeFile } from '../support/workspace';

const WORKFLOW = path.join(ROOT, 'examples/github-actions/ckafka.yml');
const SCRIPT = path.join(ROOT, 'examples/github-actions/ckafka-queue.sh');
const VALIDATOR = path.join(ROOT, 'node_modules/.bin/action-validator');

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
}
interface Job {
  readonly 'timeout-minutes'?: number;
  readonly steps: readonly Step[];
}
const workflow = parse(fs.readFileSync(WORKFLOW, 'utf8')) as { jobs: Record<string, Job> };

describe('the GitHub Actions workflow', () => {
  it('gives every job a time limit', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) expect({ name, timeout: job['timeout-minutes'] }).toEqual({ name, timeout: expect.any(Number) });
  });

  const runSteps = Object.entries(workflow.jobs).flatMap(([job, j]) => j.steps.filter((s) => s.run !== undefined).map((s) => [`${job}: ${s.name ?? s.run?.split('\n')[0]}`, s.run as string] as const));

  it.each(runSteps)('%s: its shell parses (bash -n)', (_name, run) => {
    // GitHub replaces ${{ … }} before bash sees the script.
    const script = run.replace(/\$\{\{[^}]*\}\}/g, 'EXPR');
    const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('its queue script parses (bash -n)', () => {
    const r = spawnSync('bash', ['-n', SCRIPT], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  // @action-validator/cli checks the file against the GitHub workflow schema (SchemaStore) and
  // that its path filters match files; it runs when installed as a devDependency.
  (fs.existsSync(VALIDATOR) ? it : it.skip)('is valid against the GitHub workflow schema (action-validator)', () => {
    const { dir, cleanup } = tempDir('ckafka-workflow-');
    try {
      writeFile(path.join(dir, 'fleet', 'ckafka.yaml'), fleetYaml({ orders: {} }));
      writeFile(path.join(dir, '.github', 'workflows', 'ckafka.yml'), fs.readFileSync(WORKFLOW, 'utf8'));
      const r = spawnSync(VALIDATOR, ['.github/workflows/ckafka.yml'], { cwd: dir, encoding: 'utf8' });
      // The validator warns that it does not check `paths:` globs; anything else is a finding.
      const findings = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/^WARNING: Glob validation is not yet supported\./.test(l));
      expect(findings).toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('never re-plans on merge: it queues the reviewed plan, and applies only queued plans checked against main', () => {
    const record = JSON.stringify(workflow.jobs.record?.steps);
    const apply = JSON.stringify(workflow.jobs.apply?.steps);
    expect(record).toContain('ckafka-queue.sh record');
    expect(apply).toContain('ckafka queue apply .ckafka-queue --fleet fleet/');
    expect(`${record}${apply}`).not.toMatch(/ckafka plan /);
    expect(`${record}${apply}`).not.toContain('github-script');
  });
});
