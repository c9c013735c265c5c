/**
 * Reads a synthesized cdktf or cdktn app (`cdktf.out/`: CDK Terrain writes the same files) back
 * into the desired fleet: every `tencentcloud_ckafka_instance`, whether declared with our
 * `CkafkaInstance` construct or as a plain resource, resolved through the same validation as a
 * fleet file.
 *
 * This module reads JSON only and imports neither cdktf nor cdktn, so the CLI can plan from
 * `cdktf.out` without loading either.
 */
import * as path from 'path';
import { hasErrors, sortIssues, type Issue } from '../spec/issues';
import type { DesiredFleet } from '../spec/types';
import type { ValidationResult } from '../spec/validate';
import { CKAFKA_RESOURCE_TYPE } from './_metadata';
import { cdktfIssue } from './cdktf-issue';
import { crossInstanceIssues } from './cross-instance-issues';
import { readCdktfManifest, readStackJson, SYNTH_HINT } from './read-cdktf-manifest';
import { readCkafkaResource, readProviders, type FoundInstance } from './read-ckafka-resource';
import { isRecord } from './terraform-json';

/** Options of {@link readCdktfOut}. */
export interface ReadCdktfOutOptions {
  /**
   * The clock, for `at` times in the past (as for fleet files).
   *
   * @default - that rule is skipped
   */
  readonly now?: Date;
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
  const stacks = readCdktfManifest(dir, issues);
  if (stacks === undefined) return { value: undefined, issues };

  const found: FoundInstance[] = [];
  for (const stack of stacks) {
    const doc = readStackJson(stack, dir, issues);
    if (doc === undefined) continue;
    const providers = readProviders(doc);
    const resources = isRecord(doc.resource) ? doc.resource[CKAFKA_RESOURCE_TYPE] : undefined;
    if (!isRecord(resources)) continue;
    for (const [name, body] of Object.entries(resources)) {
      if (!isRecord(body)) {
        issues.push(cdktfIssue('cli/unsupported-input', `${CKAFKA_RESOURCE_TYPE}.${name}`, `resource ${CKAFKA_RESOURCE_TYPE}.${name} is not an object`, SYNTH_HINT, stack.file));
        continue;
      }
      const f = readCkafkaResource(stack, name, body, providers, issues, options.now);
      if (f !== undefined) found.push(f);
    }
  }

  if (found.length === 0 && !hasErrors(issues))
    issues.push(
      cdktfIssue(
        'fleet/empty',
        '',
        `the cdktf app in ${dir} declares no ${CKAFKA_RESOURCE_TYPE}, so there is nothing to plan`,
        'declare instances with CkafkaInstance from ckafka-iac/cdktf or ckafka-iac/cdktn',
        path.join(dir, 'manifest.json'),
        'warning',
      ),
    );
  issues.push(...crossInstanceIssues(found));

  // A provider problem is found once per instance that uses the provider; report it once.
  const unique = [...new Map(issues.map((i) => [`${i.code}\u0000${i.file ?? ''}\u0000${i.path}\u0000${i.message}`, i])).values()];
  const sorted = sortIssues(unique);
  if (hasErrors(sorted)) return { value: undefined, issues: sorted };
  const instances = found.flatMap((f) => (f.instance === undefined ? [] : [f.instance]));
  const region = found.find((f) => f.region.value !== undefined)?.region.value;
  return { value: { ...(region === undefined ? {} : { region }), instances }, issues: sorted };
}
