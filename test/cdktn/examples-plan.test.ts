/**
 * The cdktf example and its CDK Terrain twin: both synthesize in-process (`app.synth()`, no CLI,
 * no terraform), both read back through `readCdktfOut` into the same desired fleet, and both
 * plan to the same plan, byte for byte, against the emulator's seed state. The twin differs from
 * the original only in its imports, which is what docs/cdktf.md tells a user to change.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readCdktfOut } from '../../src/cdktf';
import type { DesiredFleet } from '../../src/spec/types';
import { planAgainstSeed, removeTempDirs, tempDir } from '../cdktf/_fixtures';

afterAll(removeTempDirs);

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** Runs an example app (it synthesizes on load) with its output redirected to a temp folder, as the CLIs do. */
function synthExample(name: 'cdktf' | 'cdktn'): string {
  const outdir = path.join(tempDir(`ckafka-iac-example-${name}-`), 'cdktf.out');
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(EXAMPLES, name, 'main.ts'));
    });
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
  return outdir;
}

function withoutSources(fleet: DesiredFleet | undefined): unknown {
  return fleet?.instances.map(({ source: _source, ...rest }) => rest);
}

/** The example's code below its opening comment. */
function codeOf(name: string): string {
  const text = fs.readFileSync(path.join(EXAMPLES, name, 'main.ts'), 'utf8');
  return text.slice(text.indexOf(' */\n') + 4);
}

describe('the cdktf and cdktn examples', () => {
  it('differ only in the engine named by the imports', () => {
    const cdktf = codeOf('cdktf');
    const cdktn = codeOf('cdktn');
    expect(cdktn.replace(/from '(ckafka-iac\/)?cdktn'/g, "from '$1cdktf'")).toBe(cdktf);
    expect(cdktn).toContain("from 'cdktn';");
    expect(cdktn).toContain("from 'ckafka-iac/cdktn';");
    expect(cdktn).not.toMatch(/'(ckafka-iac\/)?cdktf'/);
  });

  it('synthesize without terraform and plan identically through readCdktfOut', async () => {
    const fromCdktf = readCdktfOut(synthExample('cdktf'));
    const fromCdktn = readCdktfOut(synthExample('cdktn'));
    expect(fromCdktf.issues).toEqual([]);
    expect(fromCdktn.issues).toEqual([]);
    expect(withoutSources(fromCdktn.value)).toEqual(withoutSources(fromCdktf.value));
    expect(fromCdktn.value?.region).toBe(fromCdktf.value?.region);

    const viaCdktf = await planAgainstSeed(fromCdktf.value as DesiredFleet);
    const viaCdktn = await planAgainstSeed(fromCdktn.value as DesiredFleet);
    expect(viaCdktn).toBe(viaCdktf);
    // A real plan, not two empty ones: the seed runs cdktf-orders at 320 MB/s, declared 400,
    // which waits for the weekend window; cdktf-clickstream already runs as declared.
    const plan = JSON.parse(viaCdktn);
    expect(plan.instances.map((i: { name: string; action: string }) => [i.name, i.action])).toEqual([
      ['cdktf-clickstream', 'none'],
      ['cdktf-orders', 'upgrade'],
    ]);
    expect(plan.instances[1].changes).toEqual([{ field: 'bandwidthMBps', from: 320, to: 400, unit: 'MB/s' }]);
    expect(plan.instances[1].schedule.kind).toBe('window');
  });
});
