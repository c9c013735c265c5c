/**
 * The timeline reviewers look at: when the markdown comment and the text output carry one, what
 * they draw (start, estimated end and window in the window's time zone, failing checks marked),
 * that no name can inject mermaid or terminal codes, and that a plan of 200 instances keeps the
 * comment under GitHub's limit. Golden files: `timeline-200.md` and `timeline-200.txt` hold the
 * timeline of the 200-instance plan; the `timeline` fixture's goldens hold whole renderings.
 */
import { GITHUB_COMMENT_LIMIT, renderMarkdown, renderText } from '../../src/render';
import { TIMELINE_MAX_ROWS } from '../../src/render/_timeline';
import { mermaidText } from '../../src/render/render-timeline-markdown';
import type { Plan, PlannedInstance } from '../../src/plan/types';
import { CONTROL_OR_BIDI } from '../support/unsafe-text';
import { expectGolden } from './golden';
import { MERMAID_BLOCK, expectMermaidSafe } from './_mermaid';
import { HOSTILE, NOW, aPlan, diskOnlyPlan, eventsHighSpeed, largeTimelinePlan, noChangesPlan, ordersUpgrade, scaleDownPlan, timelinePlan } from './fixtures';

/** The timeline section of a comment: from its heading to the end of its last mermaid block (or note). */
function timelineSection(markdown: string): string {
  const start = markdown.indexOf('**Timeline**');
  if (start < 0) return '';
  const rest = markdown.slice(start);
  const end = rest.indexOf('\n\n<details>');
  return end < 0 ? rest.slice(0, rest.indexOf('\n\n---')) : rest.slice(0, end);
}

/** The timeline block of the text output: from its legend to the blank line after it. */
function timelineLines(text: string): string {
  const start = text.indexOf('\ntimeline ');
  if (start < 0) return '';
  const rest = text.slice(start + 1);
  return rest.slice(0, rest.indexOf('\n\n'));
}

function charts(markdown: string): string[] {
  return [...markdown.matchAll(MERMAID_BLOCK)].map((m) => m[1] ?? '');
}

/** A change at the plan's time (`now`) that migrates for `seconds`. */
function nowChange(seconds: number): Plan {
  const base = eventsHighSpeed();
  return aPlan([{ ...base, migration: { ...base.migration, estimatedSeconds: seconds }, schedule: { kind: 'now', startsAt: NOW, note: 'rebalance now' } }]);
}

describe('when there is a timeline', () => {
  it.each<[string, () => Plan, boolean]>([
    ['no changes', noChangesPlan, false],
    ['a disk change that migrates nothing, at once', diskOnlyPlan, false],
    ['a migration of 30 minutes at once', () => nowChange(1800), false],
    ['a migration of 2 hours at once (runs long)', () => nowChange(7200), true],
    ['a change that waits for its window', scaleDownPlan, true],
  ])('%s: %s', (_what, make, shown) => {
    const plan = make();
    expect(renderMarkdown(plan).includes('```mermaid\ngantt')).toBe(shown);
    expect(timelineLines(renderText(plan)) !== '').toBe(shown);
  });
});

describe('what it draws', () => {
  const plan = timelinePlan();
  const markdown = renderMarkdown(plan);
  const text = renderText(plan);

  it('draws one chart per time zone of the windows, changes without a window in the first', () => {
    const [shanghai = '', berlin = ''] = charts(markdown);
    expect(charts(markdown)).toHaveLength(2);
    expect(shanghai).toContain('title Estimated runs, times in Asia/Shanghai');
    expect(shanghai).toMatch(/section clicks \(ckafka-clk00001\)\n {4}migration ~1h 46m :active, 2026-11-24 10:00, 2026-11-24 11:46/);
    expect(berlin).toContain('title Estimated runs, times in Europe/Berlin');
  });

  const flat = text.replace(/\s+/g, ' ');

  it('gives each instance its window and estimated end, in the window zone, not UTC', () => {
    // The Berlin window opens at 23:00 local, 22:00 UTC.
    expect(markdown).toMatch(/section eu-analytics \(ckafka-eua00001\)\n {4}window :done, 2026-11-24 23:00, 2026-11-25 03:00\n {4}migration ~3h 43m :active, 2026-11-24 23:00, 2026-11-25 02:43/);
    expect(flat).toMatch(/ eu-analytics \[[#=.]+\] Tue 11-24 23:00 -> ~Wed 11-25 02:43 \(~3h 43m\); window to Wed 11-25 03:00 /);
  });

  it('marks failing checks, blocked instances and runs past their window', () => {
    expect(markdown).toContain('    blocked, ✗ window-fits, migration ~7h 17m, past the window close :crit, 2026-11-28 01:00, 2026-11-28 08:16');
    expect(text).toMatch(/^! batch +\[[#=.]+\] Sat 11-28 01:00 -> ~08:16 \(~7h 17m\);/m);
    expect(flat).toContain('window to 06:00; runs past the window; blocked (window-fits failing)');
  });

  it('puts the timeline after the fleet table and before the details', () => {
    expect(markdown.indexOf('| instance |')).toBeLessThan(markdown.indexOf('**Timeline**'));
    expect(markdown.indexOf('**Timeline**')).toBeLessThan(markdown.indexOf('<details>'));
  });
});

describe('escaping', () => {
  const attacks = [
    'x\n  click x call alert()',
    '%%{init: {"theme": "dark"}}%%',
    '```\n<script>alert(1)</script>',
    'a:b;c#d #35; &lt;',
    'section evil\n  section two',
    '\u001b[31mred\u001b[0m admin\u202Etxt.exe',
    `${HOSTILE.img} ${HOSTILE.mention} ${HOSTILE.details}`,
  ];
  const plan = aPlan(attacks.map((name, i): PlannedInstance => ({ ...ordersUpgrade(), name, instanceId: `${name}-${i}` })));

  it('reduces every name in the mermaid blocks to plain words, so no statement can be added', () => {
    const markdown = renderMarkdown(plan);
    expectMermaidSafe(markdown);
    const sections = (charts(markdown)[0] ?? '').split('\n').filter((l) => l.startsWith('  section '));
    expect(sections).toHaveLength(attacks.length);
    // The line break became a space: `click` is a word of the section's name, not a statement.
    expect(sections[0]).toMatch(/^ {2}section x click x call alert\(\) \(x click x call alert\(\)/);
    expect(mermaidText('%%{init}%%')).toBe('___init___');
  });

  it('shows control characters in the text timeline as escapes, never raw', () => {
    const lines = timelineLines(renderText(plan));
    expect(lines).toContain('\\u001b[31mred');
    expect(lines).not.toMatch(CONTROL_OR_BIDI);
  });
});

describe('a plan of 200 instances', () => {
  const plan = largeTimelinePlan(200);
  const markdown = renderMarkdown(plan);

  it('keeps the comment under GitHub\'s limit, the timeline in it, grouped and cut to the row limit', () => {
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expectMermaidSafe(markdown);
    const drawn = charts(markdown);
    expect(drawn).toHaveLength(2);
    for (const chart of drawn) expect(chart.match(/^ {2}section /gm)?.length).toBeLessThanOrEqual(TIMELINE_MAX_ROWS);
    expect(markdown).toContain('instances that start together share a row');
    expectGolden('timeline-200.md', `${timelineSection(markdown)}\n`);
  });

  it('keeps the text timeline as compact', () => {
    const lines = timelineLines(renderText(plan));
    const rows = lines.split('\n').filter((l) => /^(!| ) \S.* \[[.=#+?]+\] /.test(l));
    expect(rows.length).toBeGreaterThan(TIMELINE_MAX_ROWS);
    expect(rows.length).toBeLessThanOrEqual(2 * TIMELINE_MAX_ROWS);
    expect(lines).toContain('instances starting together share a row');
    expectGolden('timeline-200.txt', `${lines}\n`);
  });

  it('draws at most the row limit per chart and counts the instances left out', () => {
    const spread = largeTimelinePlan(200, 120);
    const markdown = renderMarkdown(spread);
    for (const chart of charts(markdown)) expect(chart.match(/^ {2}section /gm)).toHaveLength(TIMELINE_MAX_ROWS);
    expect(markdown).toMatch(/\*\d+ more instances are not drawn; the table lists every instance\*/);
    expect(renderText(spread)).toMatch(/\n {2}\.\.\. and \d+ more instances \(listed below\)\n/);
  });

  it('keeps the timeline over table rows, and leaves it out only when it cannot fit', () => {
    const medium = renderMarkdown(plan, { maxLength: 12000 });
    expect(medium.length).toBeLessThanOrEqual(12000);
    expect(medium).toContain('```mermaid');
    expect(medium).toMatch(/the table lists the first \d+ of 200 instances to review/);
    const small = renderMarkdown(plan, { maxLength: 3000 });
    expect(small.length).toBeLessThanOrEqual(3000);
    expect(small).not.toContain('```mermaid');
    expect(small).toContain('the timeline is left out');
  });
});
