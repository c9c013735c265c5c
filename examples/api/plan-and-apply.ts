/**
 * Plan and apply a fleet file from code, as `ckafka plan` and `ckafka apply` do:
 *
 *   node -r ./scripts/ts-register.js examples/api/plan-and-apply.ts examples/quickstart/ckafka.yaml
 *
 * With credentials in the environment it talks to Tencent Cloud; with none, to the embedded
 * emulator (`.ckafka/emulator-state.json`). Pass `--apply` to apply the plan it printed.
 */
import * as fs from 'node:fs';
import { applyPlan, openCloud, parseFleet, planWithCloud, renderMarkdown } from 'ckafka-iac';

async function main(file: string, apply: boolean): Promise<number> {
  const fleet = parseFleet(fs.readFileSync(file, 'utf8'), { file });
  if (fleet.value === undefined) {
    for (const i of fleet.issues) console.error(`${i.code} ${i.path}: ${i.message}${i.hint ? ` (fix: ${i.hint})` : ''}`);
    return 1;
  }
  const { cloud, description, close } = await openCloud({ env: process.env, cwd: process.cwd(), ...(fleet.value.region === undefined ? {} : { region: fleet.value.region }) });
  try {
    console.error(`planning against ${description}`);
    const plan = await planWithCloud(fleet.value, cloud);
    console.log(renderMarkdown(plan));
    if (!apply) return 0;
    // At most 4 migrations in the cloud at once: the blast radius of this apply.
    const result = await applyPlan(plan, cloud, { maxRunning: 4 });
    console.log(result.summary.line);
    return result.exitCode;
  } finally {
    await close();
  }
}

const [file = 'ckafka.yaml', ...rest] = process.argv.slice(2);
main(file, rest.includes('--apply')).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
