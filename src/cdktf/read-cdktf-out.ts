/**
 * Reads a synthesized cdktf or cdktn app (`cdktf.out/`: CDK Terrain writes the same files) back
 * into the desired fleet: every `tencentcloud_ckafka_instance`, whether declared with our
 * `CkafkaInstance` construct or as a plain resource, resolved through the same validation as a
 * fleet file.
 *
 * This module reads JSON only and imports neither cdktf nor cdktn, so the CLI can plan from
 * `cdktf.out` without loading either.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describeJsonError } from '../io/describe-json-error';
import { readInputFile } from '../io/read-input-file';
import { REGION_PATTERN } from '../spec/fleet-schema';
import { hasErrors, joinPath, sortIssues, type Issue, type IssueCode, type Severity } from '../spec/issues';
import type { DesiredFleet, DesiredInstance, SpecOwner } from '../spec/types';
import { validateInstanceSpec, type ValidationResult } from '../spec/validate';
import {
  CKAFKA_RESOURCE_TYPE,
  DEFAULT_SPECIFICATIONS_TYPE,
  METADATA_FORMAT_VERSION,
  METADATA_KEY,
  PROVIDER_NAME,
  SPEC_ATTRIBUTE,
  SPEC_MUTABLE_ATTRIBUTES,
  SPECIFICATIONS_TYPE,
  editionFromSpecificationsType,
} from './_metadata';

/** Options of {@link readCdktfOut}. */
export interface ReadCdktfOutOptions {
  /**
   * The clock, for `at` times in the past (as for fleet files).
   *
   * @default - that rule is skipped
   */
  readonly now?: Date;
}

type Json = Record<string, unknown>;

function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function issue(code: IssueCode, at: string, message: string, hint: string | undefined, file: string | undefined, severity: Severity = 'error'): Issue {
  return {
    code,
    severity,
    path: at,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(file === undefined ? {} : { file }),
  };
}

/** A Terraform expression left in the JSON: cdktf renders unresolved tokens as `${…}`. */
function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

function expressionsIn(value: unknown, at: string): string[] {
  if (isExpression(value)) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => expressionsIn(v, joinPath(at, i)));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => expressionsIn(v, joinPath(at, k)));
  return [];
}

// Every file is read inside the output folder: a manifest cannot send ckafka elsewhere.
function readJson(file: string, dir: string): { value?: unknown; error?: string; issue?: Issue } {
  const read = readInputFile(file, { within: dir, what: 'a cdktf output file' });
  if (read.issue !== undefined) return read.issue.code === 'cli/file-not-found' ? { error: read.issue.message.replace(`${file} `, 'it ') } : { issue: read.issue };
  try {
    return { value: JSON.parse(read.text) };
  } catch (e) {
    return { error: describeJsonError(e, read.text) };
  }
}

const SYNTH_HINT = 'pass the output directory of `cdktf synth` or `cdktn synth` (or of your app, where `app.synth()` writes it), e.g. cdktf.out';

interface StackRef {
  readonly name: string;
  readonly file: string;
}

/** Reads manifest.json: the stacks and where each was synthesized. */
function readManifest(dir: string, issues: Issue[]): StackRef[] | undefined {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(dir)) {
    issues.push(issue('cli/file-not-found', '', `the directory ${dir} does not exist`, SYNTH_HINT, dir));
    return undefined;
  }
  const read = readJson(manifestFile, dir);
  if (read.issue !== undefined) {
    issues.push(read.issue);
    return undefined;
  }
  if (read.error !== undefined) {
    issues.push(issue('cli/unsupported-input', '', `${manifestFile} is not a cdktf manifest: ${read.error}`, SYNTH_HINT, manifestFile));
    return undefined;
  }
  const stacks = isRecord(read.value) ? read.value.stacks : undefined;
  if (!isRecord(stacks)) {
    issues.push(issue('cli/unsupported-input', 'stacks', `${manifestFile} has no \`stacks\` object, so it is not a cdktf manifest`, SYNTH_HINT, manifestFile));
    return undefined;
  }
  const refs: StackRef[] = [];
  for (const name of Object.keys(stacks).sort()) {
    const stack = stacks[name];
    const synthesized = isRecord(stack) ? stack.synthesizedStackPath : undefined;
    if (typeof synthesized !== 'string' || synthesized === '') {
      issues.push(issue('cli/unsupported-input', joinPath('stacks', name), `stack ${name} in ${manifestFile} has no synthesizedStackPath`, SYNTH_HINT, manifestFile));
      continue;
    }
    refs.push({ name, file: path.join(dir, synthesized) });
  }
  return refs;
}

/** `tencentcloud` provider configurations of a stack, by alias (`''` for the default one). */
function readProviders(doc: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const providers = isRecord(doc.provider) ? doc.provider[PROVIDER_NAME] : undefined;
  const list = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  for (const p of list) if (isRecord(p)) out.set(typeof p.alias === 'string' ? p.alias : '', p);
  return out;
}

/** Whether the resource's lifecycle keeps Terraform from changing the spec. */
function ignoresSpec(body: Json): boolean {
  const ignore = isRecord(body.lifecycle) ? body.lifecycle.ignore_changes : undefined;
  if (ignore === 'all') return true;
  return Array.isArray(ignore) && SPEC_MUTABLE_ATTRIBUTES.every((a) => ignore.includes(a));
}

interface Found {
  readonly instance?: DesiredInstance;
  readonly name?: string;
  readonly instanceId?: string;
  /** Where the name and id were declared, for duplicate reports. */
  readonly nameAt: string;
  readonly idAt: string;
  readonly path: string;
  readonly file: string;
  readonly stack: string;
  readonly region: { readonly value?: string; readonly at: string };
}

/** Validates our `//` record; returns the issue text when it is unusable. */
function checkMetadata(meta: unknown): string | undefined {
  if (!isRecord(meta)) return 'it is not an object';
  if (typeof meta.formatVersion !== 'number') return 'it has no formatVersion';
  if (meta.formatVersion > METADATA_FORMAT_VERSION)
    return `it has formatVersion ${meta.formatVersion}, written by a newer ckafka-iac than this one (which reads ${METADATA_FORMAT_VERSION})`;
  if (meta.formatVersion !== METADATA_FORMAT_VERSION) return `formatVersion ${meta.formatVersion} is not one this ckafka-iac reads (${METADATA_FORMAT_VERSION})`;
  if (meta.specOwner !== 'ckafka-iac' && meta.specOwner !== 'terraform') return `specOwner is ${JSON.stringify(meta.specOwner)}, not ckafka-iac or terraform`;
  return undefined;
}

/** Reads one `tencentcloud_ckafka_instance`; pushes its issues and returns what it declares. */
function readInstance(
  stack: StackRef,
  resourceName: string,
  body: Json,
  providers: Map<string, Json>,
  issues: Issue[],
  options: ReadCdktfOutOptions,
): Found | undefined {
  const file = stack.file;
  const comment = isRecord(body['//']) ? body['//'] : {};
  const cdktfPath = isRecord(comment.metadata) && typeof comment.metadata.path === 'string' ? comment.metadata.path : undefined;
  const ours = comment[METADATA_KEY];
  const fromConstruct = ours !== undefined;
  // The construct's resource is its `Default` child; issues point at the construct.
  const constructPath =
    cdktfPath === undefined ? `${CKAFKA_RESOURCE_TYPE}.${resourceName}` : fromConstruct ? cdktfPath.replace(/\/Default$/, '') : cdktfPath;
  // Props name the spec fields for the construct; a plain resource names Terraform arguments.
  const fieldAt = (field: string): string => {
    const attribute = fromConstruct ? undefined : (SPEC_ATTRIBUTE as Readonly<Record<string, string>>)[field];
    return joinPath(constructPath, attribute ?? field);
  };

  if (body.count !== undefined || body.for_each !== undefined) {
    const meta = body.count !== undefined ? 'count' : 'for_each';
    issues.push(
      issue(
        'cdktf/unsupported-resource',
        joinPath(constructPath, meta),
        `this ${CKAFKA_RESOURCE_TYPE} uses ${meta}, so how many instances it makes and their names are Terraform expressions`,
        'declare one resource (or CkafkaInstance) per instance, e.g. in a TypeScript loop',
        file,
      ),
    );
    return undefined;
  }

  const providerRef = typeof body.provider === 'string' ? body.provider : PROVIDER_NAME;
  const alias = providerRef.startsWith(`${PROVIDER_NAME}.`) ? providerRef.slice(PROVIDER_NAME.length + 1) : '';
  const provider = providers.get(alias);
  const regionAt = joinPath(stack.name, 'provider', PROVIDER_NAME, alias === '' ? undefined : alias, 'region');
  const regionValue = provider?.region;

  let meta: Json = {};
  if (fromConstruct) {
    const problem = checkMetadata(ours);
    if (problem !== undefined) {
      issues.push(
        issue(
          'cdktf/bad-metadata',
          constructPath,
          `the ckafka-iac record in this resource's "//" comment cannot be read: ${problem}`,
          'synthesize the app again with the ckafka-iac version you plan with; do not edit cdk.tf.json by hand',
          file,
        ),
      );
      return undefined;
    }
    meta = ours as Json;
  }

  const edition =
    body.specifications_type === undefined ? editionFromSpecificationsType(DEFAULT_SPECIFICATIONS_TYPE) : typeof body.specifications_type === 'string' ? editionFromSpecificationsType(body.specifications_type) : undefined;
  const raw: Json = {
    name: body.instance_name,
    instanceId: meta.instanceId,
    bandwidthMBps: body.band_width,
    diskGB: body.disk_size,
    partitions: body.partition,
    upgrade: meta.upgrade,
    allowScaleDown: meta.allowScaleDown,
  };

  const expressions = [
    ...Object.entries(raw).flatMap(([k, v]) => expressionsIn(v, fieldAt(k))),
    ...expressionsIn(body.specifications_type, fieldAt('edition')),
  ];
  for (const at of expressions)
    issues.push(
      issue(
        'cdktf/unresolved-token',
        at,
        `${at.slice(constructPath.length + 1)} is a Terraform expression that is only known at apply time; ckafka-iac plans from literal values`,
        'give a literal (or a value computed in TypeScript), not a Terraform variable or another resource attribute',
        file,
      ),
    );
  if (isExpression(regionValue))
    issues.push(
      issue(
        'cdktf/unresolved-token',
        regionAt,
        'the provider region is a Terraform expression that is only known at apply time; ckafka-iac must know the region to plan',
        'set the region of the tencentcloud provider to a literal such as ap-guangzhou',
        file,
      ),
    );
  else if (regionValue !== undefined && (typeof regionValue !== 'string' || !REGION_PATTERN.test(regionValue)))
    issues.push(
      issue('spec/bad-region', regionAt, `region ${JSON.stringify(regionValue)} is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou or ap-shanghai', file),
    );

  const found = {
    ...(typeof raw.name === 'string' ? { name: raw.name } : {}),
    ...(typeof raw.instanceId === 'string' ? { instanceId: raw.instanceId } : {}),
    nameAt: fieldAt('name'),
    idAt: fieldAt('instanceId'),
    path: constructPath,
    file,
    stack: stack.name,
    region: { ...(typeof regionValue === 'string' ? { value: regionValue } : {}), at: regionAt },
  };
  if (expressions.length > 0) return found;

  if (edition === undefined) {
    const allowed = Object.values(SPECIFICATIONS_TYPE).join(', ');
    issues.push(
      issue(
        'spec/unknown-edition',
        fieldAt('edition'),
        `specifications_type ${JSON.stringify(body.specifications_type)} is not a CKafka edition ckafka-iac manages (allowed: ${allowed})`,
        'use profession (pro), premium (advanced) or standard',
        file,
      ),
    );
    return found;
  }

  const input: Json = Object.fromEntries(Object.entries({ ...raw, edition }).filter(([, v]) => v !== undefined));
  const result = validateInstanceSpec(input, { path: constructPath, file, ...(options.now === undefined ? {} : { now: options.now }) });
  const rename = (p: string): string => {
    if (fromConstruct) return p;
    for (const [field, attribute] of Object.entries(SPEC_ATTRIBUTE)) {
      const prefix = joinPath(constructPath, field);
      if (p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`)) return joinPath(constructPath, attribute) + p.slice(prefix.length);
    }
    return p;
  };
  issues.push(...result.issues.map((i) => ({ ...i, path: rename(i.path) })));

  let specOwner: SpecOwner;
  if (fromConstruct) {
    specOwner = meta.specOwner as SpecOwner;
    const ignored = ignoresSpec(body);
    if (specOwner === 'ckafka-iac' && !ignored)
      issues.push(
        issue(
          'cdktf/spec-owner-conflict',
          joinPath(constructPath, 'lifecycle'),
          `the spec is owned by ckafka-iac, but the resource does not ignore changes to ${SPEC_MUTABLE_ATTRIBUTES.join(', ')}, so Terraform would change them too`,
          "remove the override of lifecycle.ignore_changes, or set specOwner: 'terraform'",
          file,
        ),
      );
    else if (specOwner === 'terraform' && ignored)
      issues.push(
        issue(
          'cdktf/spec-owner-conflict',
          joinPath(constructPath, 'lifecycle'),
          `the spec is owned by Terraform, but the resource ignores changes to ${SPEC_MUTABLE_ATTRIBUTES.join(', ')}, so neither Terraform nor ckafka-iac will change them`,
          "set specOwner: 'ckafka-iac', or stop ignoring the spec arguments",
          file,
          'warning',
        ),
      );
  } else {
    specOwner = ignoresSpec(body) ? 'ckafka-iac' : 'terraform';
  }

  if (result.value === undefined) return found;
  const instance: DesiredInstance = { ...result.value, ...(specOwner === 'terraform' ? { specOwner } : {}) };
  return { ...found, instance };
}

function duplicateIssues(found: readonly Found[]): Issue[] {
  const out: Issue[] = [];
  for (const key of ['name', 'instanceId'] as const) {
    const first = new Map<string, Found>();
    for (const f of found) {
      const value = f[key];
      if (value === undefined) continue;
      const seen = first.get(value);
      if (seen === undefined) {
        first.set(value, f);
        continue;
      }
      out.push(
        key === 'name'
          ? issue('spec/duplicate-name', f.nameAt, `name "${value}" is already used by ${seen.path}`, 'give every instance a unique name', f.file)
          : issue(
              'spec/duplicate-instance-id',
              f.idAt,
              `instanceId ${value} is already declared by ${seen.path}`,
              'declare each CKafka instance once; remove one of the two declarations',
              f.file,
            ),
      );
    }
  }
  return out;
}

function regionIssues(found: readonly Found[]): Issue[] {
  const byRegion = new Map<string, Found[]>();
  for (const f of found) {
    const key = f.region.value ?? '';
    byRegion.set(key, [...(byRegion.get(key) ?? []), f]);
  }
  if (byRegion.size <= 1) return [];
  const [firstGroup, ...others] = [...byRegion.entries()];
  const describe = ([region, group]: [string, Found[]]) =>
    `${region === '' ? 'no region (Terraform takes TENCENTCLOUD_REGION)' : region} for ${group.map((f) => f.path).join(', ')}`;
  return others.map((g) => {
    const at = g[1][0] as Found;
    return issue(
      'cdktf/mixed-regions',
      at.region.at,
      `instances are declared in more than one region: ${describe(firstGroup as [string, Found[]])}; ${describe(g)}`,
      'ckafka-iac plans one region at a time: give every tencentcloud provider the same literal region, or put each region in its own cdktf app and plan each separately',
      at.file,
    );
  });
}

/**
 * Reads a synthesized cdktf output directory (its `manifest.json` and every stack's
 * `cdk.tf.json`) into the desired fleet. Each `tencentcloud_ckafka_instance`, from the
 * `CkafkaInstance` construct or plain, resolves through `validateInstanceSpec`: the result is the
 * one the same declaration gives in a fleet file, with `source.file` the stack's `cdk.tf.json` and
 * `source.path` the construct path. The region is the one of the provider each instance uses.
 *
 * Never throws for bad input: a missing or invalid manifest, Terraform expressions where ckafka-iac
 * needs literals, instances in different regions and duplicate names come back as issues.
 */
export function readCdktfOut(dir: string, options: ReadCdktfOutOptions = {}): ValidationResult<DesiredFleet> {
  const issues: Issue[] = [];
  const stacks = readManifest(dir, issues);
  if (stacks === undefined) return { value: undefined, issues };

  const found: Found[] = [];
  for (const stack of stacks) {
    if (!stack.file.endsWith('.json')) {
      issues.push(
        issue(
          'cli/unsupported-input',
          '',
          `stack ${stack.name} was synthesized as HCL (${stack.file}); ckafka-iac reads the JSON output`,
          'synthesize without hclOutput / SYNTH_HCL_OUTPUT so each stack writes cdk.tf.json',
          stack.file,
        ),
      );
      continue;
    }
    const read = readJson(stack.file, dir);
    if (read.issue !== undefined) {
      issues.push(read.issue);
      continue;
    }
    if (read.error !== undefined || !isRecord(read.value)) {
      issues.push(issue('cli/unsupported-input', '', `${stack.file} cannot be read as a Terraform JSON configuration: ${read.error ?? 'it is not an object'}`, SYNTH_HINT, stack.file));
      continue;
    }
    const doc = read.value;
    const providers = readProviders(doc);
    const resources = isRecord(doc.resource) ? doc.resource[CKAFKA_RESOURCE_TYPE] : undefined;
    if (!isRecord(resources)) continue;
    for (const [name, body] of Object.entries(resources)) {
      if (!isRecord(body)) {
        issues.push(issue('cli/unsupported-input', `${CKAFKA_RESOURCE_TYPE}.${name}`, `resource ${CKAFKA_RESOURCE_TYPE}.${name} is not an object`, SYNTH_HINT, stack.file));
        continue;
      }
      const f = readInstance(stack, name, body, providers, issues, options);
      if (f !== undefined) found.push(f);
    }
  }

  if (found.length === 0 && !hasErrors(issues))
    issues.push(
      issue(
        'fleet/empty',
        '',
        `the cdktf app in ${dir} declares no ${CKAFKA_RESOURCE_TYPE}, so there is nothing to plan`,
        'declare instances with CkafkaInstance from ckafka-iac/cdktf or ckafka-iac/cdktn',
        path.join(dir, 'manifest.json'),
        'warning',
      ),
    );
  issues.push(...duplicateIssues(found), ...regionIssues(found));

  // A provider problem is found once per instance that uses the provider; report it once.
  const unique = [...new Map(issues.map((i) => [`${i.code}\u0000${i.file ?? ''}\u0000${i.path}\u0000${i.message}`, i])).values()];
  const sorted = sortIssues(unique);
  if (hasErrors(sorted)) return { value: undefined, issues: sorted };
  const instances = found.flatMap((f) => (f.instance === undefined ? [] : [f.instance]));
  const region = found.find((f) => f.region.value !== undefined)?.region.value;
  return { value: { ...(region === undefined ? {} : { region }), instances }, issues: sorted };
}
