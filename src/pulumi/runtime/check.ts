/**
 * `check`: the inputs validated by the core's rules (the same codes as a fleet file), failures on
 * their property; warnings go to the log. A new resource without `instanceId` creates its
 * instance, so the rules of a new instance apply to it (the same the construct, the adapter and
 * the emulator run). Pure: no cloud, so a preview answers at once.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { CkafkaInstanceInputs } from '../ckafka-instance-inputs';
import { checkInstanceInputs, formatInputIssue, PROVIDER_KEY, toCheckFailures } from '../check-instance-inputs';
import { loggerOf, nowOf, str, type ProviderContext, type Props } from './context';

/**
 * Whether `news` create an instance: no instance to adopt, and no earlier inputs (Pulumi passes
 * none for a new resource). A replacement is checked by the adapter's create request check, with
 * the same rules.
 */
function createsInstance(olds: Props, news: Props): boolean {
  const adopts = news.instanceId !== undefined && news.instanceId !== null;
  return !adopts && Object.keys(olds ?? {}).every((k) => k === PROVIDER_KEY);
}

export async function check(ctx: ProviderContext, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult<CkafkaInstanceInputs>> {
  const r = checkInstanceInputs(news, { now: nowOf(ctx), creating: createsInstance(olds, news) });
  const warnings = r.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0) {
    const log = loggerOf(ctx);
    for (const w of warnings) log.warn(`${str(news, 'name') ?? 'ckafka'}: ${w.path}: ${formatInputIssue(w)}`);
  }
  return { inputs: news as unknown as CkafkaInstanceInputs, failures: toCheckFailures(r.issues) };
}
