import { escapeHtml, escapeMarkdown } from '../../src/render';

const ZWJ = '\u200D';

describe('escapeMarkdown', () => {
  it.each([
    ['plain text', 'orders-eu 1', 'orders-eu 1'],
    ['a table pipe', 'a|b', 'a\\|b'],
    ['an escaped pipe', 'a\\|b', 'a\\\\\\|b'],
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['entities', 'a &amp; "b"', 'a &amp;amp; &quot;b&quot;'],
    ['code', '`x` ```', '\\`x\\` \\`\\`\\`'],
    ['emphasis', '*a* _b_ ~~c~~', '\\*a\\* \\_b\\_ \\~\\~c\\~\\~'],
    ['a link', '[x](javascript:x)', '\\[x\\]\\(javascript:x\\)'],
    ['an image', '![x](y)', '\\!\\[x\\]\\(y\\)'],
    ['math', '$x$', '\\$x\\$'],
    ['a heading', '# title', '\\# title'],
    ['a quote', '> quoted', '&gt; quoted'],
    ['a list item', '- item', '\\- item'],
    ['a plus list item', '+ item', '\\+ item'],
    ['a setext underline', '===', '\\==='],
    ['an ordered item', '12. item', '12\\. item'],
    ['an ordered item with a parenthesis', '1) item', '1\\) item'],
    ['indentation', '    code', 'code'],
    ['newlines', 'a\nb\r\nc\rd', 'a<br>b<br>c<br>d'],
    ['a block start after a newline', 'a\n- b', 'a<br>- b'],
    ['a mention', 'ask @octocat', `ask @${ZWJ}octocat`],
    ['a team mention', '@org/team', `@${ZWJ}org/team`],
    ['an e-mail address', 'a@b.c', `a@${ZWJ}b.c`],
    ['a lone @', 'a @ b', 'a @ b'],
    ['an issue reference', 'see #123', `see \\#${ZWJ}123`],
    ['terminal controls, shown as escapes', '\u001b[31mred', '\\\\u001b\\[31mred'],
    ['a bidi override, shown as an escape', 'a\u202Eb', 'a\\\\u202eb'],
    ['a tab', 'a\tb', 'a b'],
  ])('escapes %s', (_what, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('escapeHtml', () => {
  it.each([
    ['HTML', '<b>"x" & \'y\'</b>', '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;'],
    ['markdown punctuation', '`*_[]|~$\\', '&#96;&#42;&#95;&#91;&#93;&#124;&#126;&#36;&#92;'],
    ['newlines, which would end the HTML block', 'a\n\nb', 'a b'],
    ['a closing tag', '</summary></details>', '&lt;/summary&gt;&lt;/details&gt;'],
    ['a mention', '@octocat', `@${ZWJ}octocat`],
    ['terminal controls, shown as escapes', '\u0007bell', '&#92;u0007bell'],
  ])('escapes %s', (_what, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
