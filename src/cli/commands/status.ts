import type { ObservedInstance } from '../../spec/observed';
import { boolFlag, choiceFlag, CLOUD_FLAGS, parseCommandArgs, stringFlag } from '../args';
import type { Command } from '../command';
import { escapeTerminalLine } from '../../render/escape-terminal';
import { write } from '../output';
import { selectCloud } from '../select-cloud';

// Every cell is from the cloud: escaped and kept on one line, so a name cannot break the table.
function row(o: ObservedInstance): string[] {
  return [
    o.name,
    o.instanceId,
    o.edition ?? o.instanceType,
    `${o.bandwidthMBps} MB/s`,
    o.diskGB === null ? 'elastic' : `${o.diskGB} GB`,
    `${o.partitions} (${o.partitionsUsed} used)`,
    o.status,
    o.chargeType === 'PREPAID' ? `prepaid${o.expiresAt ? ` to ${o.expiresAt.slice(0, 10)}` : ''}` : 'postpaid',
    o.rebalanceAt ?? '',
  ].map(escapeTerminalLine);
}

/** Columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** `ckafka status [ids…]`: instances as the cloud reports them. */
export const statusCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('status', argv, { format: { type: 'string' }, ...CLOUD_FLAGS });
  const format = choiceFlag(args, 'format', ['text', 'json'] as const, 'text');
  const region = stringFlag(args, 'region');
  const endpoint = stringFlag(args, 'endpoint');
  const state = stringFlag(args, 'emulator-state');
  const selected = await selectCloud(io, { ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), ...(state ? { emulatorState: state } : {}), ...(boolFlag(args, 'emulator') ? { emulator: true } : {}) });
  try {
    const ids = args.positionals;
    const instances = await selected.cloud.describeInstances(ids.length > 0 ? { ids } : { all: true });
    const missing = ids.filter((id) => !instances.some((o) => o.instanceId === id));
    if (format === 'json') {
      write(io, 'stdout', `${JSON.stringify({ region: selected.cloud.region, instances, notFound: missing }, null, 2)}\n`);
    } else {
      write(io, 'stdout', `${formatTable(['NAME', 'ID', 'EDITION', 'BANDWIDTH', 'DISK', 'PARTITIONS', 'STATUS', 'BILLING', 'SCHEDULED'], instances.map(row))}\n`);
      if (missing.length > 0) write(io, 'stderr', `not found in ${selected.cloud.region}: ${missing.map(escapeTerminalLine).join(', ')}\n`);
    }
    return missing.length > 0 ? 1 : 0;
  } finally {
    await selected.close();
  }
};
