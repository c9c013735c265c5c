/**
 * One `tencentcloud_ckafka_instance` of a stack as a declaration: from the `CkafkaInstance`
 * construct (our `//` record) or a plain resource, its region from the provider it uses,
 * resolved through `validateInstanceSpec` as a fleet file's entry is, with issue paths in the
 * names the author wrote (props for the construct, Terraform arguments for a plain resource).
 */
import { REGION_PATTERN } from '../spec/fleet-schema';
import { joinPath, type Issue } from '../spec/issues';
import type { DesiredInstance, SpecOwner } from '../spec/types';
import { validateInstanceSpec } from '../spec/validate';
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
import { cdktfIssue } from './cdktf-issue';
import type { StackRef } from './read-cdktf-manifest';
import { expressionsIn, isExpression, isRecord, type Json } from './terraform-json';

/** `tencentcloud` provider configurations of a stack, by alias (`''` for the default one). */
export function readProviders(doc: Json): Map<string, Json> {
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

/** What one resource declares, with where, for the checks across instances; `instance` when it resolved. */
export interface FoundInstance {
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
export function readCkafkaResource(
  stack: StackRef,
  resourceName: string,
  body: Json,
  providers: Map<string, Json>,
  issues: Issue[],
  now: Date | undefined,
): FoundInstance | undefined {
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
      cdktfIssue(
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
        cdktfIssue(
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
      cdktfIssue(
        'cdktf/unresolved-token',
        at,
        `${at.slice(constructPath.length + 1)} is a Terraform expression that is only known at apply time; ckafka-iac plans from literal values`,
        'give a literal (or a value computed in TypeScript), not a Terraform variable or another resource attribute',
        file,
      ),
    );
  if (isExpression(regionValue))
    issues.push(
      cdktfIssue(
        'cdktf/unresolved-token',
        regionAt,
        'the provider region is a Terraform expression that is only known at apply time; ckafka-iac must know the region to plan',
        'set the region of the tencentcloud provider to a literal such as ap-guangzhou',
        file,
      ),
    );
  else if (regionValue !== undefined && (typeof regionValue !== 'string' || !REGION_PATTERN.test(regionValue)))
    issues.push(
      cdktfIssue('spec/bad-region', regionAt, `region ${JSON.stringify(regionValue)} is not a Tencent Cloud region name`, 'use a region such as ap-guangzhou or ap-shanghai', file),
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
      cdktfIssue(
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
  const result = validateInstanceSpec(input, { path: constructPath, file, ...(now === undefined ? {} : { now }) });
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
        cdktfIssue(
          'cdktf/spec-owner-conflict',
          joinPath(constructPath, 'lifecycle'),
          `the spec is owned by ckafka-iac, but the resource does not ignore changes to ${SPEC_MUTABLE_ATTRIBUTES.join(', ')}, so Terraform would change them too`,
          "remove the override of lifecycle.ignore_changes, or set specOwner: 'terraform'",
          file,
        ),
      );
    else if (specOwner === 'terraform' && ignored)
      issues.push(
        cdktfIssue(
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
