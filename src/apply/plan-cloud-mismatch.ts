/**
 * Whether a plan may be applied through a cloud at all. A plan made against one cloud or region
 * says nothing about another; nor do the steps of a plan that claims capabilities (mode selection,
 * edition conversion) this cloud lacks. Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CkafkaCloud } from '../cloud/port';
import type { Plan } from '../plan/types';
import type { Issue } from '../spec/issues';
import { issue } from './instance-reports';

/** The `apply/wrong-cloud` issue when the plan was made against another cloud, region or capabilities; `undefined` when it matches. */
export function planCloudMismatch(plan: Pick<Plan, 'cloud' | 'region'>, cloud: Pick<CkafkaCloud, 'kind' | 'region' | 'capabilities'>): Issue | undefined {
  const sameCapabilities = isDeepStrictEqual(plan.cloud.capabilities, cloud.capabilities());
  if (plan.cloud.kind === cloud.kind && (plan.region ?? cloud.region) === cloud.region && sameCapabilities) return undefined;
  const message = `the plan was made against ${plan.cloud.kind}${plan.region ? ` (${plan.region})` : ''}${sameCapabilities ? '' : ' with other capabilities (cloud.capabilities)'}, but this apply uses ${cloud.kind} (${cloud.region})`;
  return issue('apply/wrong-cloud', message, 'apply with the same credentials, endpoint or emulator state the plan used, or re-plan against this cloud');
}
