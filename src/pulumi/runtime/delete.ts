/**
 * `delete`: retains the instance unless the recorded `deletionPolicy` is `delete`; then deletes
 * it through the port and waits until it is gone (or isolated, the prepaid recycle bin).
 */
import { CloudError } from '../../cloud/port';
import { CkafkaProviderError } from '../ckafka-provider-error';
import { DEFAULT_POLL_MS, loggerOf, observe, str, withCloud, type ProviderContext, type Props } from './context';

const DEFAULT_DELETE_TIMEOUT_MINUTES = 30;

/** The `delete` operation (named so because `delete` is a keyword). */
export async function deleteInstance(ctx: ProviderContext, id: string, props: Props): Promise<void> {
  const log = loggerOf(ctx);
  const name = str(props, 'name') ?? id;
  if (str(props, 'deletionPolicy') !== 'delete') {
    log.info(`${name}: retained ${id} (deletionPolicy retain): it keeps running and billing in the cloud; delete it in the console, or set deletionPolicy: "delete" and run \`pulumi up\` before removing the resource`);
    return;
  }
  await withCloud(ctx, str(props, 'region'), async (cloud) => {
    const o = await observe(cloud, id, `reading ${name}`);
    if (o === undefined) {
      log.info(`${name}: ${id} is already gone`);
      return;
    }
    try {
      await cloud.deleteInstance(id);
    } catch (e) {
      if (CloudError.isCloudError(e) && e.kind === 'not-found') return;
      throw CkafkaProviderError.fromCloud(e, `deleting ${name} (${id})`);
    }
    log.info(`${name}: deleting ${id}`);
    const poll = ctx.options.pollIntervalMs ?? DEFAULT_POLL_MS;
    const timeoutMs = (ctx.options.deleteTimeoutMinutes ?? DEFAULT_DELETE_TIMEOUT_MINUTES) * 60_000;
    const started = cloud.clock.now().getTime();
    for (;;) {
      await cloud.clock.sleep(poll);
      const now = await observe(cloud, id, `waiting for ${name} to be deleted`);
      // Prepaid instances may stop at isolated (the recycle bin) before they are released.
      if (now === undefined || now.status === 'deleted' || now.status === 'isolated') {
        log.info(`${name}: ${id} ${now === undefined ? 'deleted' : now.status}`);
        return;
      }
      if (now.status === 'delete-failed') throw new CkafkaProviderError('apply/submit-failed', `${name}: the cloud reports that deleting ${id} failed (status ${now.statusCode})`);
      if (cloud.clock.now().getTime() - started >= timeoutMs)
        throw new CkafkaProviderError('apply/still-running', `${name}: ${id} is still ${now.status} after ${Math.round(timeoutMs / 60_000)} minutes; run \`pulumi destroy\` again later`);
    }
  });
}
