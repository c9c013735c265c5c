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

  it('points value errors at their line', () => {
    const text = 'instances:\n  - name: orders\n    edition: pro\n    bandwidthMBps: 410\n    diskGB: 6000\n    partitions: 2400\n';
    const r = parseFleet(text, { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'spec/off-step', path: 'instances[0].bandwidthMBps', line: 4, column: 20 })]);
  });

  it('points an unknown key at its line, and a missing field at its instance', () => {
    const text = 'instances:\n  - name: orders\n    edition: pro\n    bandwith: 400\n    diskGB: 6000\n    partitions: 2400\n';
    const r = parseFleet(text, { file: 'ckafka.yaml' });
    expect(r.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ['spec/missing-field', 2, 5],
      // The key itself, not its value: that is what is wrong.
      ['spec/unknown-key', 4, 5],
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
