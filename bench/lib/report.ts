/**
 * The bench's printed report: one table per section and a PASS/MISS line per target.
 */
import type { ApplyBenchResult } from './apply-child';
import type { ColdStartResult } from './cold-start';
import type { PlanSizeResult } from './plan-bench';
import type { PrecheckResult } from './precheck-bench';

export interface Target {
  readonly id: string;
  readonly target: string;
  readonly measured: string;
  readonly status: 'PASS' | 'MISS' | 'SKIP';
}

export interface ReportInput {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGB: number; readonly node: string; readonly platform: string };
  readonly settings: { readonly latencyMs: number; readonly topicsPerInstance: number; readonly changingShare: number };
  readonly plan: ReadonlyArray<PlanSizeResult & { readonly ratioWall: number | null; readonly ratioCalls: number | null }>;
  readonly coldStart: ColdStartResult | null;
  readonly apply: ApplyBenchResult | null;
  readonly applyStaged: ApplyBenchResult | null;
  readonly precheck: PrecheckResult | null;
  readonly targets: readonly Target[];
}

/** 850 ms, 12.3 s, 4 min 05 s, 1 h 12 min. */
export function formatMs(ms: number): string {
  const a = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (Math.round(a / 100) < 600) return `${sign}${(a / 1000).toFixed(1)} s`;
  // Round to the unit shown first, so 59.6 s of a minute reads as the next minute, not "60 s".
  const seconds = Math.round(a / 1000);
  if (seconds < 3600) return `${sign}${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.round(a / 60_000);
  return `${sign}${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function byAction(calls: Readonly<Record<string, number>>): string {
  return Object.entries(calls)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function x(r: number | null): string {
  return r === null ? '—' : `${r.toFixed(2)}×`;
}

export function renderReport(r: ReportInput): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`ckafka-iac bench, ${r.date}${r.quick ? ' (quick)' : ''}`);
  out.push(`machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGB} GB, node ${m.node}, ${m.platform}`);
  if (r.plan.length > 0) {
    out.push('', `PLAN OF A FLEET — ckafka plan over the SDK to the HTTP emulator; ${r.settings.latencyMs} ms latency, documented rate limits, ~${Math.round(r.settings.changingShare * 100)}% changing, ${r.settings.topicsPerInstance} topics each`);
    out.push(
      table(
        ['instances', 'changing', 'wall', 'calls', 'floor', 'wall/floor', 'peak RSS', 'unchanged: calls (limit)', 'baseline wall', 'baseline calls', 'ours/base wall', 'ours/base calls'],
        r.plan.map((p) => [
          String(p.instances),
          String(p.changing),
          formatMs(p.wallMs),
          String(p.apiCalls),
          formatMs(p.floorMs),
          x(p.floorMs === 0 ? null : p.wallMs / p.floorMs),
          `${p.rssMB} MB`,
          `${p.unchangedDescribeCalls} (${Math.ceil(p.instances / 20) + 1}) in ${formatMs(p.unchangedWallMs)}`,
          p.baselineWallMs === null ? '—' : formatMs(p.baselineWallMs),
          p.baselineApiCalls === null ? '—' : String(p.baselineApiCalls),
          x(p.ratioWall),
          x(p.ratioCalls),
        ]),
      ),
    );
    for (const p of r.plan) {
      out.push(`  ${p.instances}: ${byAction(p.apiCallsByAction)}${p.throttled > 0 ? `; throttled ${p.throttled}` : ''}; floor set by ${p.floorAction ?? '—'}`);
    }
    out.push('  floor = max over actions of calls ÷ limit (actions have separate limits, so they overlap; one action queues behind its own)');
  }
  if (r.coldStart !== null) {
    const c = r.coldStart;
    out.push('', `COLD START — ckafka plan examples/quickstart (embedded emulator, fresh directory each run), median of ${c.runs}`);
    out.push(table(['process', 'median', 'runs'], [
      ['ckafka plan examples/quickstart', formatMs(c.planMs), c.planRunsMs.map((v) => String(v)).join(' ')],
      ['node -e 0', formatMs(c.nodeMs), c.nodeRunsMs.map((v) => String(v)).join(' ')],
      ['difference', formatMs(c.planMs - c.nodeMs), ''],
    ]));
  }
  const applyRows = [r.apply, r.applyStaged].filter((a): a is ApplyBenchResult => a !== null);
  if (applyRows.length > 0) {
    out.push('', 'APPLY OF 100 MIGRATIONS — virtual time of the emulator (adapter and apply wait on the same clock)');
    out.push(
      table(
        ['limits', 'outcome', 'total', 'longest single', 'total/longest', 'last submit', 'poll rounds', 'poll calls', 'unbatched', 'real time'],
        applyRows.map((a) => [
          `--concurrency ${a.concurrency}${a.maxRunning === null ? '' : `, --max-running ${a.maxRunning}`}`,
          Object.entries(a.outcomes).map(([k, v]) => `${v} ${k}`).join(', '),
          formatMs(a.wallMs),
          formatMs(a.longestSingleMs),
          x(a.longestSingleMs === 0 ? null : a.wallMs / a.longestSingleMs),
          formatMs(a.lastSubmitMs),
          String(a.pollRounds),
          String(a.pollCalls),
          String(a.pollCallsUnbatched),
          formatMs(a.realMs),
        ]),
      ),
    );
  }
  if (r.precheck !== null) {
    const p = r.precheck;
    out.push('', `PRE-CHECKS OF ONE INSTANCE — ${p.topics} topics, ${r.settings.latencyMs} ms latency`);
    out.push(table(['topics', 'wall', 'calls', 'floor', 'wall/floor'], [[String(p.topics), formatMs(p.wallMs), String(p.apiCalls), formatMs(p.floorMs), x(p.floorMs === 0 ? null : p.wallMs / p.floorMs)]]));
    out.push(`  ${byAction(p.apiCallsByAction)}; floor set by ${p.floorAction ?? '—'}`);
  }
  out.push('', 'TARGETS');
  for (const t of r.targets) out.push(`${t.status.padEnd(4)}  ${t.target}: ${t.measured}`);
  return `${out.join('\n')}\n`;
}
