/**
 * `update`: refused when the cloud moved away from the state Pulumi recorded (as `ckafka apply`
 * refuses a plan made against a state that moved); otherwise the plan of this moment, applied
 * with `ckafka apply`'s semantics.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { CkafkaInstanceState } from '../ckafka-instance-state';
import { CkafkaProviderError } from '../ckafka-provider-error';
import { checkRegion, observe, regionFor, resolve, withCloud, type ProviderContext, type Props } from './context';
import { converge } from './converge';
import { staleness, targetOf } from './outputs';

export async function update(ctx: ProviderContext, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult<CkafkaInstanceState>> {
  const r = resolve(ctx, news);
  const name = r.desired.name;
  return withCloud(ctx, regionFor(r, olds), async (cloud) => {
    checkRegion(r, cloud);
    const observed = await observe(cloud, id, `reading ${name}`);
    if (observed === undefined)
      throw new CkafkaProviderError('plan/instance-not-found', `${name}: instance ${id} no longer exists in ${cloud.region}; run \`pulumi refresh\` to drop it from the state, then \`pulumi up\``);
    // The reviewed preview no longer describes an instance that moved since Pulumi recorded it.
    const stale = staleness(olds, observed, targetOf(r));
    if (stale !== undefined)
      throw new CkafkaProviderError('apply/stale', `${name}: ${id} was changed outside Pulumi: ${stale}; run \`pulumi refresh\` to record what runs, review the new preview, then \`pulumi up\``);
    return { outs: await converge(ctx, cloud, id, r, observed, news) };
  });
}
