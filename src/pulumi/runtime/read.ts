/**
 * `read` (`pulumi refresh`): the outputs as the cloud reports them now; an empty id for an
 * instance that is gone, so Pulumi drops it from the state.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { DeletionPolicy } from '../ckafka-instance-inputs';
import type { CkafkaInstanceState, CkafkaPlanSummary } from '../ckafka-instance-state';
import { isRecord, observe, str, withCloud, type ProviderContext, type Props } from './context';
import { outputsOf } from './outputs';

export async function read(ctx: ProviderContext, id: string, props: Props | undefined): Promise<pulumi.dynamic.ReadResult<CkafkaInstanceState>> {
  return withCloud(ctx, str(props, 'region'), async (cloud) => {
    const o = await observe(cloud, id, `reading ${id}`);
    if (o === undefined) return { id: '', props: {} as CkafkaInstanceState };
    const policy: DeletionPolicy = str(props, 'deletionPolicy') === 'delete' ? 'delete' : 'retain';
    const lastPlan = isRecord(props?.lastPlan) ? (props.lastPlan as unknown as CkafkaPlanSummary) : null;
    return { id, props: outputsOf(o, cloud, policy, lastPlan) };
  });
}
