import { CloudError } from '../../src/cloud/port';

/** The CloudError `p` rejects with; fails the test when `p` resolves or rejects with anything else. */
export async function rejection(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p;
  } catch (e) {
    if (CloudError.isCloudError(e)) return e;
    throw e;
  }
  throw new Error('expected a CloudError, the call succeeded');
}
