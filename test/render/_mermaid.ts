/**
 * What the markdown renderer may write inside its mermaid blocks: the statements of its timeline,
 * each on a line of a known shape. A test that finds any other line found an injection.
 */

/** The timeline's mermaid blocks: ours, fenced. */
export const MERMAID_BLOCK = /^```mermaid\n([\s\S]*?)\n```$/gm;
const STAMP = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}';
/** The words of a run bar: only ours, and check ids. */
const RUN = [
  '((\\d+ )?blocked, )?',
  '(✗ [a-z0-9_-]+( [a-z0-9_-]+)*, )?',
  '(change, no migration|(migration|may migrate), duration unknown|(migration|may migrate) ~[0-9dhm< ]+( \\(longest\\))?)',
  '(, past the window close)?',
].join('');
export const MERMAID_LINE = new RegExp(
  [
    '^gantt$',
    '^  title Estimated runs, times in [\\p{L}\\p{N} ._/+=()-]+$',
    '^  dateFormat YYYY-MM-DD HH:mm$',
    '^  axisFormat %a %d %H:%M$',
    '^  todayMarker off$',
    '^  section [\\p{L}\\p{N} ._/+=()-]+( and \\d+ more)?$',
    `^    window :done, ${STAMP}, ${STAMP}$`,
    `^    ${RUN} :(crit, |active, )?(milestone, )?${STAMP}, ${STAMP}$`,
  ].join('|'),
  'u',
);

export function withoutTimeline(markdown: string): string {
  return markdown.replace(MERMAID_BLOCK, '');
}

/** Every mermaid block holds only statements we write: no name can add one or leave the block. */
export function expectMermaidSafe(markdown: string): void {
  for (const block of markdown.matchAll(MERMAID_BLOCK)) {
    const lines = (block[1] ?? '').split('\n');
    expect(lines.filter((l) => !MERMAID_LINE.test(l))).toEqual([]);
  }
  // Every fence opens a mermaid block and is closed by the next one.
  expect(withoutTimeline(markdown)).not.toContain('```');
}

