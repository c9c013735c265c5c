import fc from 'fast-check';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/render';
import { escapeMarkdown } from '../../src/render/escape-markdown';
import type { Plan, PlannedInstance } from '../../src/plan/types';
import { anyCodePoint } from '../support/any-code-point';
import { CONTROL_OR_BIDI } from '../support/unsafe-text';
import { expectGolden } from './golden';
import { expectMermaidSafe, withoutTimeline } from './_mermaid';
import {
  GOLDEN_FIXTURES,
  HOSTILE,
  aPlan,
  anInstance,
  blockedPlan,
  editionConversionPlan,
  hostilePlan,
  largeFleetPlan,
  legacyConversion,
  mixedFleetPlan,
  noChangesPlan,
  notFoundPlan,
  ordersUpgrade,
  postpaidHighSpeedPlan,
  scaleDownPlan,
  windowMigrationPlan,
} from './fixtures';

const RUN_URL = 'https://github.com/acme/infra/actions/runs/4242';

/** Our own tags: anything else starting with `<` would be markup from the input. */
const OWN_TAGS = /<\/?(?:br|details|summary|b|sub)>|<!-- ckafka-iac plan: [A-Za-z0-9._:/+=_-]* -->/g;

/** Splits a table row at unescaped pipes (a pipe after an odd run of backslashes is text). */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  let backslashes = 0;
  for (const c of row) {
    if (c === '|' && backslashes % 2 === 0) {
      out.push(cell);
      cell = '';
    } else cell += c;
    backslashes = c === '\\' ? backslashes + 1 : 0;
  }
  out.push(cell);
  return out;
}

/** Every table in the markdown, as the cell counts of its rows. */
function tables(markdown: string): number[][] {
  const found: number[][] = [];
  let current: number[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      current ??= [];
      current.push(cells(line).length);
    } else if (current !== undefined) {
      found.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) found.push(current);
  return found;
}

/** Backticks that are not escaped and not part of one of our own code spans. */
function liveBackticks(markdown: string): number {
  const withoutOwnSpans = markdown.replace(/`[A-Za-z0-9][A-Za-z0-9._:/=,+ -]*`/g, '');
  let live = 0;
  let backslashes = 0;
  for (const c of withoutOwnSpans) {
    if (c === '`' && backslashes % 2 === 0) live++;
    backslashes = c === '\\' ? backslashes + 1 : 0;
  }
  return live;
}

function expectSafe(full: string): void {
  expectMermaidSafe(full);
  const markdown = withoutTimeline(full);
  expect(markdown).not.toContain('<img');
  expect(markdown.replace(OWN_TAGS, '')).not.toContain('<');
  for (const table of tables(markdown)) expect(new Set(table).size).toBe(1);
  expect(liveBackticks(markdown)).toBe(0);
  expect(markdown).not.toMatch(/@[A-Za-z0-9]/);
  expect(markdown).not.toMatch(/(?<!\\)\]\(javascript/);
  expect(markdown).not.toMatch(CONTROL_OR_BIDI);
  expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
}

describe('renderMarkdown', () => {
  it.each(GOLDEN_FIXTURES)('renders %s as in its golden file', (name, make) => {
    expectGolden(`${name}.md`, renderMarkdown(make(), { marker: name, runUrl: RUN_URL }));
  });

  it('starts with the bold verdict, then the marker', () => {
    const plan = mixedFleetPlan();
    const lines = renderMarkdown(plan, { marker: 'prod/eu' }).split('\n');
    expect(lines[0]).toBe(`**${escapeMarkdown(plan.summary.verdict)}**`);
    expect(lines[2]).toBe('<!-- ckafka-iac plan: prod/eu -->');
  });

  it('puts the title before the verdict', () => {
    const plan = windowMigrationPlan();
    expect(renderMarkdown(plan, { title: 'prod *eu*' }).split('\n')[0]).toBe(`**prod \\*eu\\*: ${escapeMarkdown(plan.summary.verdict)}**`);
  });

  it('keeps a marker from closing its HTML comment', () => {
    const markdown = renderMarkdown(windowMigrationPlan(), { marker: 'x --> <img src=x> <!--' });
    expect(markdown.match(/<!--/g)).toHaveLength(1);
    expect(markdown.match(/-->/g)).toHaveLength(1);
    expect(markdown).toContain('<!-- ckafka-iac plan: x_-_');
  });

  it.each([
    ['no risk', noChangesPlan, undefined],
    ['a migration', windowMigrationPlan, 'WARNING'],
    ['high-speed mode', postpaidHighSpeedPlan, 'CAUTION'],
    ['a scale-down', scaleDownPlan, 'CAUTION'],
    ['a failing check', blockedPlan, 'CAUTION'],
    ['an instance that is not found', notFoundPlan, 'CAUTION'],
    ['a conversion whose migration is not assessed', editionConversionPlan, 'WARNING'],
    ['only a manual step', () => aPlan([{ ...legacyConversion(), migration: { ...legacyConversion().migration, required: false } }]), 'IMPORTANT'],
  ])('raises a banner for %s', (_what, make, kind) => {
    const alerts = renderMarkdown(make()).match(/^> \[!([A-Z]+)\]$/gm) ?? [];
    expect(alerts).toEqual(kind === undefined ? [] : [`> [!${kind}]`]);
  });

  it('names the risky instances in the banner, and why', () => {
    const markdown = renderMarkdown(mixedFleetPlan());
    expect(markdown).toContain('> - **High-speed mode** \\(unthrottled, competes with production traffic\\): **events**\n');
    expect(markdown).toContain('> - **Scale-down** \\(less bandwidth or disk; check the last 7 days of usage\\): **analytics**\n');
    expect(markdown).toContain('> - **Failing checks** \\(blocked until fixed\\): **billing** (`replicas-in-sync`)\n');
    expect(markdown).toContain('> - **Blocked** \\(apply skips them\\): **ghost** (`plan/instance-not-found`)\n');
    expect(markdown).toMatch(/> - \*\*Data migrates\*\* .*: \*\*orders\*\*, \*\*events\*\*, \*\*analytics\*\*\n/);
  });

  it('summarises the fleet in a table with one row per instance and folds the details', () => {
    const plan = mixedFleetPlan();
    const markdown = renderMarkdown(plan);
    const [fleet] = tables(markdown);
    expect(fleet).toEqual(new Array(plan.instances.length + 2).fill(10));
    expect(markdown.match(/^<details>$/gm)).toHaveLength(plan.instances.length);
    // GitHub renders markdown inside <details> only after a blank line.
    expect(markdown).not.toMatch(/<\/summary>\n[^\n]/);
    expect(markdown).not.toMatch(/[^\n]\n<\/details>/);
  });

  it('says so when no instance is declared', () => {
    const markdown = renderMarkdown(aPlan([]));
    expect(markdown).toContain('\n\nNo instances are declared.\n\n');
    expect(tables(markdown)).toEqual([]);
  });

  it('links the run only for an http(s) URL', () => {
    expect(renderMarkdown(noChangesPlan(), { runUrl: 'https://ci.example/run(1) x' })).toContain('[CI run](https://ci.example/run%281%29%20x)');
    const hostile = renderMarkdown(noChangesPlan(), { runUrl: 'javascript:alert(1)' });
    expect(hostile).not.toContain('[CI run]');
    expect(hostile).toContain('run javascript:alert\\(1\\)');
  });

  it('ends with a footer naming the plan time, cloud, digest and run', () => {
    const plan = mixedFleetPlan();
    const last = renderMarkdown(plan, { runUrl: RUN_URL }).trimEnd().split('\n').pop();
    expect(last).toBe(
      `<sub>planned 2026-11-24 02:00 UTC · cloud \`tencent\` · region \`ap-guangzhou\` · plan format 2 · digest \`${plan.digest}\` · [CI run](${RUN_URL})</sub>`,
    );
  });

  describe('escaping', () => {
    const markdown = renderMarkdown(hostilePlan(), { marker: HOSTILE.comment, runUrl: RUN_URL, title: HOSTILE.img });

    it('lets no HTML through but its own tags', () => {
      expect(markdown).not.toContain('<img');
      expect(markdown.replace(OWN_TAGS, '')).not.toContain('<');
      expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    });

    it('keeps every table row at its column count', () => {
      const found = tables(markdown);
      expect(found.length).toBeGreaterThanOrEqual(2);
      for (const table of found) expect(new Set(table).size).toBe(1);
      expect(found[0]?.[0]).toBe(10);
    });

    it('opens no code span, and keeps the timeline to statements it writes', () => {
      expect(liveBackticks(withoutTimeline(markdown))).toBe(0);
      expectMermaidSafe(markdown);
      expect(markdown).toContain('```mermaid\ngantt\n');
    });

    it('mentions no one and links nothing', () => {
      expect(markdown).not.toMatch(/@[A-Za-z0-9]/);
      expect(markdown).toContain('@\u200Doctocat');
      expect(markdown).not.toMatch(/(?<!\\)\]\(javascript/);
      expect(markdown).not.toMatch(/(?<![\\&])#[0-9]/);
    });

    it('opens and closes only its own details blocks', () => {
      expect(markdown.match(/<details>/g)).toHaveLength(3);
      expect(markdown.match(/<\/details>/g)).toHaveLength(3);
      expect(markdown).not.toContain('<details open>');
    });

    it('passes no control or bidi character through', () => {
      expect(markdown).not.toMatch(CONTROL_OR_BIDI);
    });

    it('lets no user text start a block', () => {
      const lines = markdown.split('\n');
      expect(lines.filter((l) => /^(#|- item|1\. first|> quote)/.test(l))).toEqual([]);
    });
  });

  it('stays safe for any text in names, ids, messages and notes', () => {
    const fragments = ['|', '\\', '`', '```', '<', '>', '&', '"', "'", '\n', '\r\n', '@a', '#1', '[', ']', '(', ')', '*', '_', '~', '$', '-->', '<!--', '<br>', '</details>', '<summary>', ' ', '    ', '1.', '-', '+', '=', '!', '\u001b', '\u202E'];
    const hostileText = fc
      .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 }), fc.string({ unit: anyCodePoint, maxLength: 6 })), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, hostileText, (name, id, message, note) => {
        const base = ordersUpgrade();
        const evil: PlannedInstance = {
          ...base,
          name,
          instanceId: id,
          summary: note,
          checks: [{ id: 'ports-may-change', status: 'warn', message, hint: note }],
          schedule: { ...base.schedule, note },
          issues: [{ code: 'plan/check-failed', severity: 'error', path: note, message, hint: name }],
        };
        const quiet = anInstance({ name: message, instanceId: note });
        const markdown = renderMarkdown(aPlan([evil, quiet]), { marker: name });
        expectSafe(markdown);
        expect(tables(markdown)[0]).toEqual([10, 10, 10, 10]);
      }),
      { numRuns: 300 },
    );
  });

  describe('the length limit', () => {
    it('keeps a 2,000-instance fleet under the comment limit and says what it left out', () => {
      const plan = largeFleetPlan(2000);
      const markdown = renderMarkdown(plan, { runUrl: RUN_URL });
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(markdown).toContain('> [!NOTE]');
      expect(markdown).toContain('details of 1,800 unchanged instances are left out');
      expect(markdown).toContain('unchanged instances share one table row');
      expect(markdown).toContain(`The full plan is in the JSON plan and the [CI run](${RUN_URL}).`);
      expectSafe(markdown);
    });

    it('keeps a fleet where every instance changes under the limit by truncating the table', () => {
      const markdown = renderMarkdown(largeFleetPlan(2000, 1));
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(markdown).toMatch(/the table lists the first \d+ of 2,000 instances to review/);
      expect(markdown).toMatch(/\| \*\d[\d,]* more instances not shown\* \|/);
      expect(markdown).toContain('details of all 2,000 instances to review are left out');
      expectSafe(markdown);
    });

    it('drops the details of unchanged instances first', () => {
      const plan = mixedFleetPlan();
      const full = renderMarkdown(plan);
      const shorter = renderMarkdown(plan, { maxLength: full.length - 1 });
      expect(shorter.length).toBeLessThan(full.length);
      expect(shorter).toContain('details of 3 unchanged instances are left out');
      expect(shorter.match(/^<details>$/gm)).toHaveLength(7);
      expect(tables(shorter)[0]).toHaveLength(12);
    });

    it('then keeps the details of the first instances that fit', () => {
      const plan = largeFleetPlan(100, 2);
      const markdown = renderMarkdown(plan, { maxLength: 20000 });
      const shown = markdown.match(/^<details>$/gm)?.length ?? 0;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(50);
      expect(markdown).toContain(`details are shown for the first ${shown} of 50 instances to review`);
      expect(markdown).toContain('<summary><b>fleet-0000</b>');
    });

    it.each([1000, 3000, 10000, 30000])('never exceeds a limit of %i', (maxLength) => {
      const markdown = renderMarkdown(largeFleetPlan(300, 3), { maxLength });
      expect(markdown.length).toBeLessThanOrEqual(maxLength);
      expectSafe(markdown);
    });

    it('cuts even a verdict longer than the limit', () => {
      const plan: Plan = { ...noChangesPlan(), summary: { ...noChangesPlan().summary, verdict: 'x'.repeat(100000) } };
      const markdown = renderMarkdown(plan);
      expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(markdown).toContain('This comment was cut at the length limit');
    });
  });
});
