/**
 * `check`: the inputs validated by the core's rules (the same codes as a fleet file), failures on
 * their property; warnings go to the log. Pure: no cloud, so a preview answers at once.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { CkafkaInstanceInputs } from '../ckafka-instance-inputs';
import { checkInstanceInputs, formatInputIssue, toCheckFailures } from '../check-instance-inputs';
import { loggerOf, nowOf, str, type ProviderContext, type Props } from './context';

export async function check(ctx: ProviderContext, _olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult<CkafkaInstanceInputs>> {
  const r = checkInstanceInputs(news, { now: nowOf(ctx) });
  const warnings = r.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0) {
    const log = loggerOf(ctx);
    for (const w of warnings) log.warn(`${str(news, 'name') ?? 'ckafka'}: ${w.path}: ${formatInputIssue(w)}`);
  }
  return { inputs: news as unknown as CkafkaInstanceInputs, failures: toCheckFailures(r.issues) };
}
