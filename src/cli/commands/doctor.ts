import { hasDivergence, redactDiagnosis, type Diagnosis, type Finding } from '../../cloud/diagnosis';
import { INSTANCE_ID_PATTERN } from '../../spec/fleet-schema';
import { hasErrors } from '../../spec/issues';
import { boolFlag, choiceFlag, CLOUD_FLAGS, intFlag, parseCommandArgs, stringFlag } from '../args';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { colorFor, write } from '../output';
import { readInputs } from '../read-inputs';
import { selectCloud } from '../select-cloud';

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is outside rootDir, so not importable
  return (require('../../../package.json') as { version: string }).version;
}

const paint = (on: boolean, code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

function findingLines(findings: readonly Finding[], mark: string): string[] {
  if (findings.length === 0) return ['  none'];
  return findings.map((f) => `  ${mark} ${f.check}  ${f.action}${f.instanceId === undefined ? '' : `  ${f.instanceId}`}\n      ${f.message}`);
}

/** The report as text: what was asked, what diverges, what is handled, and what it settles. */
export function formatDiagnosis(d: Diagnosis, header: readonly string[], color: boolean): string {
  const red = paint(color, '31');
  const green = paint(color, '32');
  const bold = paint(color, '1');
  const by = (s: Finding['severity']) => d.findings.filter((f) => f.severity === s);
  const outcomes = (['answered', 'refused', 'failed'] as const).map((o) => `${d.calls.filter((c) => c.outcome === o).length} ${o}`).join(', ');
  const divergences = by('divergence');
  const lines = [
    ...header,
    '',
    `instances    ${d.instances.listed} listed; ${d.instances.checked.length} checked${d.instances.checked.length === 0 ? '' : `: ${d.instances.checked.join(', ')}`}`,
    `calls        ${d.calls.length} read calls: ${outcomes}`,
    '',
    bold('divergences: answers in a shape the adapter does not handle'),
    ...findingLines(divergences, red('✗')),
    '',
    bold('handled: known differences from the documentation, taken on the safe side'),
    ...findingLines(by('handled'), green('✓')),
    '',
    bold('notes'),
    ...findingLines(by('note'), '·'),
    '',
    bold('unconfirmed points'),
    ...d.settlements.flatMap((s) => [`  ${s.question}: ${s.answer}${s.settled ? '' : ' (not settled)'}`, `      evidence: ${s.evidence}`, `      ckafka-iac: ${s.safeguard}`]),
    '',
    bold('calls'),
    ...d.calls.map((c) => `  ${c.action}${c.instanceId === undefined ? '' : `  ${c.instanceId}`}${c.asked === undefined ? '' : `  (${c.asked})`}  ${c.outcome}${c.code === undefined ? '' : ` ${c.code}`}${c.requestId === undefined ? '' : `  request ${c.requestId}`}`),
    '',
    divergences.length === 0
      ? green('result: every answer has the shapes ckafka-iac relies on')
      : red(`result: ${divergences.length} divergence${divergences.length === 1 ? '' : 's'}: attach this report to a bug report`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `ckafka doctor [ids | fleet paths…]`: are the cloud's answers what the adapter relies on? */
export const doctorCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('doctor', argv, { format: { type: 'string' }, sample: { type: 'string' }, 'show-ids': { type: 'boolean' }, ...CLOUD_FLAGS });
  const format = choiceFlag(args, 'format', ['text', 'json'] as const, 'text');
  const sample = intFlag(args, 'sample', 5);
  // Positionals are instance ids, or fleet files and folders whose declared ids are asked about.
  const ids = args.positionals.filter((p) => INSTANCE_ID_PATTERN.test(p));
  const paths = args.positionals.filter((p) => !INSTANCE_ID_PATTERN.test(p));
  let region = stringFlag(args, 'region');
  if (paths.length > 0) {
    const inputs = await readInputs(paths, io.cwd);
    if (hasErrors(inputs.issues)) throw new CliError('input', `invalid input in ${inputs.files.join(', ') || paths.join(', ')}`, inputs.issues);
    for (const d of inputs.fleet.instances) if (d.instanceId !== undefined && !ids.includes(d.instanceId)) ids.push(d.instanceId);
    region ??= inputs.fleet.region;
  }
  const endpoint = stringFlag(args, 'endpoint');
  const state = stringFlag(args, 'emulator-state');
  const selected = await selectCloud(io, { ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), ...(state ? { emulatorState: state } : {}) });
  try {
    const report = await selected.cloud.diagnose({ sample, ...(ids.length > 0 ? { instanceIds: ids } : {}) });
    const showIds = boolFlag(args, 'show-ids');
    const shown = showIds ? report : redactDiagnosis(report);
    const about = { ckafkaIac: version(), node: process.version, cloud: selected.description, idsRedacted: !showIds };
    if (format === 'json') {
      write(io, 'stdout', `${JSON.stringify({ ...about, report: shown }, null, 2)}\n`);
    } else {
      const header = [
        `ckafka doctor: ${selected.description} · ${shown.at}`,
        `ckafka-iac ${about.ckafkaIac} · node ${about.node} · ${showIds ? 'ids shown' : 'ids redacted (--show-ids shows them)'}`,
      ];
      write(io, 'stdout', formatDiagnosis(shown, header, colorFor(io.stdout, io.env, boolFlag(args, 'no-color'))));
    }
    return hasDivergence(report) ? 1 : 0;
  } finally {
    await selected.close();
  }
};
