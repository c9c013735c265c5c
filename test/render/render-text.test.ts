import { planFleet } from '../../src/plan';
import { renderMarkdown, renderText } from '../../src/render';
import { aCapabilities, aDesired, anObserved, someFacts } from '../support/builders';
import { ANSI_SGR, CONTROL_OR_BIDI } from '../support/unsafe-text';
import { expectGolden } from './golden';
import { GOLDEN_FIXTURES, HOSTILE, aPlan, hostilePlan, mixedFleetPlan, noChangesPlan, windowMigrationPlan } from './fixtures';

describe('renderText', () => {
  it.each(GOLDEN_FIXTURES)('renders %s as in its golden file', (name, make) => {
    expectGolden(`${name}.txt`, renderText(make()));
  });

  it.each(GOLDEN_FIXTURES)('renders %s in colour as in its golden file', (name, make) => {
    expectGolden(`${name}.color.txt`, renderText(make(), { color: true }));
  });

  it.each(GOLDEN_FIXTURES)('writes no escape or control code for %s without colour', (_name, make) => {
    const text = renderText(make(), { color: false });
    expect(text).not.toMatch(CONTROL_OR_BIDI);
  });

  it('colours only: without the escape codes the coloured text is the plain text', () => {
    const plan = mixedFleetPlan();
    const coloured = renderText(plan, { color: true });
    expect(coloured).toMatch(ANSI_SGR);
    expect(coloured.replace(ANSI_SGR, '')).toBe(renderText(plan));
  });

  it('starts with the verdict, unwrapped, and ends with one newline', () => {
    const plan = mixedFleetPlan();
    const text = renderText(plan, { width: 40 });
    expect(text.split('\n')[0]).toBe(plan.summary.verdict);
    expect(text.endsWith('digest ' + plan.digest + '\n')).toBe(true);
  });

  it('marks upgrades with ~, scale-downs with -, blocked instances with ! and lists unchanged ones on one line', () => {
    const text = renderText(mixedFleetPlan());
    expect(text).toContain('\n~ orders (ckafka-abc12345)  upgrade\n');
    expect(text).toContain('\n- analytics (ckafka-ana00001)  scale-down\n');
    expect(text).toContain('\n! billing (ckafka-bil00001)  blocked\n');
    expect(text).toContain('\n= unchanged (3): payments (ckafka-pay00001), search (ckafka-src00001), logs (ckafka-log00001)\n');
    expect(text).toContain('    ~ bandwidthMBps: 200 → 240 MB/s\n');
  });

  it('says when and how data migrates, in the window zone and in UTC', () => {
    const text = renderText(windowMigrationPlan(), { width: 200 });
    expect(text).toContain("data migrates: ~3h 43m (estimate), stable mode (assumed: prepaid instances take the cloud's default)");
    expect(text).toContain('next window opens Sat 2026-11-28 01:00 Asia/Shanghai (closes 06:00)');
    expect(text).toContain('in UTC: Fri 2026-11-27 17:00–22:00 UTC');
    expect(text).toContain('+1,584.00 CNY/month (list price): 7,545.00 → 9,129.00 CNY/month');
    // Prorated from the window's opening, when apply submits it, to the prepaid expiry.
    expect(text).toContain('charged on submit: 950.40 CNY for 18 days (to 2026-12-15)');
  });

  it('says there is nothing to do when nothing changes', () => {
    const text = renderText(noChangesPlan());
    expect(text.split('\n')[0]).toBe('No changes: 3 instances match their declared spec');
    expect(text).not.toMatch(/^[~!-] /m);
  });

  it('says so when no instance is declared', () => {
    expect(renderText(aPlan([]))).toContain('\n\nno instances declared\n');
  });

  it.each([60, 80, 100])('wraps prose at width %i', (width) => {
    const lines = renderText(mixedFleetPlan(), { width }).split('\n');
    // The verdict, instance headers and digest are never wrapped: pipelines grep for them.
    const prose = lines.slice(1, -2).filter((l) => !/^[~!=-] /.test(l));
    expect(prose.filter((l) => l.length > width)).toEqual([]);
  });

  it.each([40, 60, 100])('loses and splits no word when wrapping at width %i', (width) => {
    const plan = mixedFleetPlan();
    // A timeline bar is a picture scaled to the width, not a word.
    const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '' && !/^\[[.=#+?]+\]$/.test(w));
    expect(words(renderText(plan, { width }))).toEqual(words(renderText(plan, { width: 10000 })));
  });

  it('treats a width below 40 as 40', () => {
    expect(renderText(mixedFleetPlan(), { width: 5 })).toBe(renderText(mixedFleetPlan(), { width: 40 }));
  });

  it('shows control characters from the user or the cloud as escapes, never raw', () => {
    const text = renderText(hostilePlan(), { color: true });
    expect(text).toContain('\\u001b[31mred\\u001b[0m\\u0007bell');
    expect(text).toContain('admin\\u202etxt.exe');
    // Every escape code left is one of ours: the text without them has no ESC at all.
    expect(text.replace(ANSI_SGR, '')).not.toContain('\u001b');
    expect(text).toContain(HOSTILE.img);
  });

  it('keeps a multi-line name on its header line', () => {
    const header = renderText(hostilePlan())
      .split('\n')
      .find((l) => l.startsWith('= unchanged'));
    expect(header).toContain('line one\\nline two');
  });
});

describe('a plan made inside its window', () => {
  it('says "inside the window now" in the schedule line, as the planner scheduled it, not "next window opens"', () => {
    const window = { days: ['sat', 'sun'] as const, start: '01:00', end: '06:00', timezone: 'Asia/Shanghai' };
    // Saturday 02:00 in Shanghai.
    const now = new Date('2026-06-05T18:00:00Z');
    const plan = planFleet(
      { region: 'ap-guangzhou', instances: [aDesired({ bandwidthMBps: 400, diskGB: 4000, partitions: 2000, upgrade: { rebalance: { window: { ...window, days: [...window.days] } }, mode: 'stable' } })] },
      [anObserved()],
      { 'ckafka-abc12345': someFacts() },
      { now, cloudKind: 'tencentcloud', capabilities: aCapabilities() },
    );
    const text = renderText(plan);
    expect(text).toMatch(/schedule {3}inside the window now \(closes 06:00\)/);
    expect(text).not.toContain('next window opens');
    expect(renderMarkdown(plan)).toContain('inside the window now \\(closes 06:00\\)');
  });
});
