import { diffLines } from './golden';

describe('diffLines', () => {
  it('shows removed and added lines with context and skips the rest', () => {
    const expected = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].join('\n');
    const actual = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].join('\n');
    expect(diffLines(expected, actual)).toBe(
      [
        '@@ near line 2 of the actual output @@',
        '  b',
        '  c',
        '- d',
        '+ D',
        '  e',
        '  f',
        '@@ near line 10 of the actual output @@',
        '  j',
        '  k',
        '+ l',
      ].join('\n'),
    );
  });

  it('makes escape codes visible', () => {
    expect(diffLines('x', '\u001b[31mx\u001b[39m')).toBe('@@ near line 1 of the actual output @@\n- x\n+ ␛[31mx␛[39m');
  });

  it('is empty for equal text', () => {
    expect(diffLines('a\nb', 'a\nb')).toBe('');
  });
});
