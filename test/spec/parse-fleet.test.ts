import { parseFleet } from '../../src/spec/parse-fleet';

describe('parseFleet', () => {
  it('parses YAML and resolves the fleet', () => {
    const text = [
      'region: ap-guangzhou',
      'defaults:',
      '  upgrade:',
      '    rebalance: { window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }',
      'instances:',
      '  - name: orders',
      '    instanceId: ckafka-abc12345',
      '    edition: pro',
      '    bandwidthMBps: 400',
      '    diskGB: 6000',
      '    partitions: 2400',
      '',
    ].join('\n');
    const r = parseFleet(text, { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([]);
    expect(r.value?.instances[0]?.upgrade.rebalance).toEqual({ window: { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } });
  });

  it('reads unquoted times and instants as text (YAML 1.2), not sexagesimal numbers or dates', () => {
    const r = parseFleet(
      'instances:\n  - { name: a, edition: pro, bandwidthMBps: 20, diskGB: 200, partitions: 400, upgrade: { rebalance: { window: { days: [mon], start: 01:00, end: 05:00, timezone: UTC } } } }\n  - { name: b, edition: pro, bandwidthMBps: 20, diskGB: 200, partitions: 400, upgrade: { rebalance: { at: 2026-12-05T02:00:00+08:00 } } }\n',
      { file: 'f.yaml' },
    );
    expect(r.issues).toEqual([]);
    expect(r.value?.instances[1]?.upgrade.rebalance).toEqual({ at: '2026-12-05T02:00:00+08:00' });
  });

  it('reports a YAML syntax error with its line and column', () => {
    const r = parseFleet('instances:\n  - name: a\n   edition: pro\n', { file: 'ckafka.yaml' });
    expect(r.value).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ code: 'fleet/yaml-syntax', file: 'ckafka.yaml', line: 3 });
    expect(r.issues[0]?.message).not.toMatch(/at line \d+, column \d+:$/);
  });

  it('treats a repeated key as an error rather than keeping the last one', () => {
    const r = parseFleet('instances: []\ninstances: []\n', { file: 'f.yaml' });
    expect(r.issues[0]).toMatchObject({ code: 'fleet/yaml-syntax', line: 2 });
    expect(r.issues[0]?.hint).toMatch(/repeated key/);
  });

  it.each([
    ['a line indented too little', ['region: ap-guangzhou', 'instances:', '  - name: payments', '    instanceId: ckafka-4m7tz1bc', '  edition: pro', '    bandwidthMBps: 120', '    diskGB: 2000', '    partitions: 1200'], 5],
    ['a line indented too much', ['instances:', '  - name: payments', '    edition: pro', '     bandwidthMBps: 120', '    diskGB: 2000'], 3],
    ['an unclosed quote', ['instances:', '  - name: "payments', '    edition: pro'], 4],
  ])('one syntax mistake (%s) is one issue, not its echoes on the lines after it', (_what, lines, line) => {
    const r = parseFleet(`${lines.join('\n')}\n`, { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'fleet/yaml-syntax', line })]);
    expect(r.issues[0]?.hint).toMatch(/only the first syntax error is reported/);
  });

  it('reports every repeated key, each on its own line', () => {
    const r = parseFleet('region: ap-guangzhou\nregion: ap-shanghai\ninstances: []\ninstances: []\n', { file: 'f.yaml' });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ['fleet/yaml-syntax', 2],
      ['fleet/yaml-syntax', 4],
    ]);
  });

  it.each([
    ['a credentials file', '//registry.npmjs.org/:_authToken=npm_SECRETVALUE1234567890\n', 'a string'],
    ['a list', '- a\n- b\n', 'a list'],
    ['a number', '42\n', 'an integer'],
  ])('a file whose top level is not a mapping (%s) is described, never quoted', (_what, text, kind) => {
    const r = parseFleet(text, { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'spec/invalid-type', message: `the document must be a mapping, got ${kind}`, hint: expect.stringContaining('check that the path names one') })]);
    expect(JSON.stringify(r.issues)).not.toMatch(/SECRET|registry/);
  });

  it('points value errors at their line', () => {
    const text = 'instances:\n  - name: orders\n    edition: pro\n    bandwidthMBps: 410\n    diskGB: 6000\n    partitions: 2400\n';
    const r = parseFleet(text, { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'spec/off-step', path: 'instances[0].bandwidthMBps', line: 4, column: 20 })]);
  });

  it('points an unknown key at its line, and a missing field at its instance', () => {
    const text = 'instances:\n  - name: orders\n    edition: pro\n    bandwidthMBps: 400\n    diskGB: 6000\n    color: blue\n';
    const r = parseFleet(text, { file: 'ckafka.yaml' });
    expect(r.issues.map((i) => [i.code, i.path, i.line, i.column])).toEqual([
      ['spec/missing-field', 'instances[0].partitions', 2, 5],
      // The key itself, not its value: that is what is wrong.
      ['spec/unknown-key', 'instances[0].color', 6, 5],
    ]);
  });

  it.each([
    ['bandwith', 'bandwidthMBps'],
    ['bandwithMBps', 'bandwidthMBps'],
    ['diskGb', 'diskGB'],
  ])('a misspelt required key (%s) is one issue: the did-you-mean, saying %s is required', (typo, field) => {
    const lines = ['instances:', '  - name: orders', '    edition: pro', '    bandwidthMBps: 400', '    diskGB: 6000', '    partitions: 2400', ''].map((l) => l.replace(new RegExp(`^(\\s+)${field}:`), `$1${typo}:`));
    const r = parseFleet(lines.join('\n'), { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'spec/unknown-key', path: `instances[0].${typo}`, message: `unknown key \`${typo}\`, and \`${field}\` is required`, hint: `did you mean \`${field}\`? rename the key` }),
    ]);
  });

  it('accepts JSON, which is YAML', () => {
    const r = parseFleet(JSON.stringify({ instances: [{ name: 'a', edition: 'pro', bandwidthMBps: 20, diskGB: 200, partitions: 400 }] }), { file: 'f.json' });
    expect(r.issues).toEqual([]);
  });

  it.each(['', '   \n', '# only a comment\n'])('reports an empty file (%p)', (text) => {
    const r = parseFleet(text, { file: 'f.yaml' });
    expect(r.issues[0]?.code).toBe('fleet/empty');
    expect(r.issues[0]?.severity).toBe('error');
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const r = parseFleet(`${lines.join('\n')}\ninstances: []\n`, { file: 'f.yaml' });
    expect(r.value).toBeUndefined();
    expect(r.issues[0]?.code).toBe('fleet/yaml-syntax');
  });

  it('reports wrong types at the root plainly', () => {
    const r = parseFleet('- a\n- b\n', { file: 'f.yaml' });
    expect(r.issues[0]).toMatchObject({ code: 'spec/invalid-type', path: '' });
    expect(r.issues[0]?.message).toMatch(/the document must be a mapping/);
  });
});
