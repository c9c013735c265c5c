import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_ACTIONS } from './_actions';
import { actionFacts, allFixtures } from './_corpus';

/** Actions with no documented example anywhere read (the README says what stands in for them). */
const NONE_DOCUMENTED: readonly string[] = [];

describe('the conformance corpus', () => {
  const fixtures = allFixtures();

  it('reads every fixture: source, retrieval date, request and response (or the fixture whose response shape applies)', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it('has a documented example for every action the adapter or the emulator uses', () => {
    const withExample = new Set(fixtures.filter((f) => f.kind === 'documented-example').map((f) => f.action));
    expect(CORPUS_ACTIONS.filter((a) => !withExample.has(a))).toEqual(NONE_DOCUMENTED);
  });

  it('holds fixtures only of those actions', () => {
    expect([...new Set(fixtures.map((f) => f.action))].filter((a) => !CORPUS_ACTIONS.includes(a))).toEqual([]);
  });

  it('has the rate limit and the error-code list of every action in actions.json', () => {
    expect(CORPUS_ACTIONS.filter((a) => actionFacts().actions[a] === undefined)).toEqual([]);
  });

  it('README.md names every action and every fixture', () => {
    const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
    expect(CORPUS_ACTIONS.filter((a) => !readme.includes(`\`${a}\``))).toEqual([]);
    expect(fixtures.map((f) => f.id).filter((id) => !readme.includes(id.split('/')[1] ?? id))).toEqual([]);
  });
});
