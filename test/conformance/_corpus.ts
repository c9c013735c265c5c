/**
 * The conformance corpus: documented CKafka request/response examples (fixtures/<Action>/<name>.json)
 * and per-action facts (actions.json), each with its source and retrieval date. See README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a fixture's example comes from. */
export type FixtureKind = 'documented-example' | 'terraform-request' | 'sdk-model';

/** One documented example. */
export interface Fixture {
  readonly action: string;
  /** `<Action>/<file name without .json>`. */
  readonly id: string;
  readonly title: string;
  readonly kind: FixtureKind;
  /** A URL, or `owner/repo@commit:path`. */
  readonly source: string;
  readonly apiReference: readonly string[];
  /** `YYYY-MM-DD`. */
  readonly retrieved: string;
  readonly request: Record<string, unknown>;
  /** `{ Response: {...} }` as documented, or null for a request-only fixture. */
  readonly response: { readonly Response: Record<string, unknown> } | null;
  /** For a request-only fixture: the fixture of the same action whose response shape applies. */
  readonly responseShapeFrom?: string;
  readonly notes: readonly string[];
}

/** Facts about one action (actions.json). */
export interface ActionFacts {
  readonly description: string;
  /** Requests per second, or null when the page read states none. */
  readonly rateLimitPerSecond: number | null;
  readonly rateLimitSource: string;
  readonly errorCodes: readonly string[];
  readonly errorCodesSource: string;
}

interface ActionsFile {
  readonly retrieved: string;
  readonly commonErrorCodes: { readonly source: string; readonly codes: readonly string[]; readonly complete: boolean };
  readonly actions: Readonly<Record<string, ActionFacts>>;
}

const ROOT = __dirname;
const FIXTURES = join(ROOT, 'fixtures');
const SOURCE = /^(https:\/\/\S+|[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS: readonly FixtureKind[] = ['documented-example', 'terraform-request', 'sdk-model'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads and checks one fixture file; a malformed one throws with its path, so the corpus cannot rot silently. */
function readFixture(action: string, file: string): Fixture {
  const path = join(FIXTURES, action, file);
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const fail = (what: string): never => {
    throw new Error(`${path}: ${what}`);
  };
  if (!isRecord(raw)) return fail('not a JSON object');
  if (raw.action !== action) fail(`action ${JSON.stringify(raw.action)} does not match its folder ${action}`);
  if (typeof raw.title !== 'string' || raw.title === '') fail('no title');
  if (!KINDS.includes(raw.kind as FixtureKind)) fail(`kind must be one of ${KINDS.join(', ')}`);
  if (typeof raw.source !== 'string' || !SOURCE.test(raw.source)) fail('source must be a URL or owner/repo@<40-hex commit>:path');
  if (!Array.isArray(raw.apiReference) || !raw.apiReference.every((u) => typeof u === 'string' && u.startsWith('https://'))) fail('apiReference must list URLs');
  if (typeof raw.retrieved !== 'string' || !DATE.test(raw.retrieved)) fail('retrieved must be YYYY-MM-DD');
  if (!isRecord(raw.request)) fail('request must be an object');
  const response = raw.response;
  if (response !== null && !(isRecord(response) && isRecord(response.Response))) fail('response must be {"Response": {...}} or null');
  if (response === null && typeof raw.responseShapeFrom !== 'string') fail('a request-only fixture names responseShapeFrom');
  if (!Array.isArray(raw.notes) || !raw.notes.every((n) => typeof n === 'string')) fail('notes must be strings');
  return { ...(raw as unknown as Omit<Fixture, 'id'>), id: `${action}/${file.replace(/\.json$/, '')}` };
}

let cache: readonly Fixture[] | undefined;

/** Every fixture of the corpus, sorted by id. */
export function allFixtures(): readonly Fixture[] {
  cache ??= readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(FIXTURES, d.name))
        .filter((f) => f.endsWith('.json'))
        .map((f) => readFixture(d.name, f)),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return cache;
}

/** One fixture by id (`DescribeRoute/tccli-routes`). */
export function fixture(id: string): Fixture {
  const found = allFixtures().find((f) => f.id === id);
  if (found === undefined) throw new Error(`no fixture ${id} in test/conformance/fixtures`);
  return found;
}

/** The documented `Response` whose shape applies to a fixture (its own, or the one it names). */
export function documentedResponse(f: Fixture): Record<string, unknown> {
  if (f.response !== null) return f.response.Response;
  const from = fixture(`${f.action}/${f.responseShapeFrom ?? ''}`);
  if (from.response === null) throw new Error(`${f.id}: responseShapeFrom ${from.id} has no response`);
  return from.response.Response;
}

/** The documented `Result` of a fixture's response, typed by the caller (an SDK model). */
export function documentedResult<T>(id: string): T {
  const r = documentedResponse(fixture(id)).Result;
  if (r === undefined) throw new Error(`${id}: the documented response has no Result`);
  return r as T;
}

let actionsCache: ActionsFile | undefined;

/** actions.json: rate limits, per-action error codes and the common error codes read. */
export function actionFacts(): ActionsFile {
  actionsCache ??= JSON.parse(readFileSync(join(ROOT, 'actions.json'), 'utf8')) as ActionsFile;
  return actionsCache;
}
