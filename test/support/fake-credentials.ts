/**
 * Distinctive fake credentials for the runs of `ckafka` in tests, and the check that none of them
 * was printed: every run, in process or as a process, is scanned.
 */

/** Distinctive fake credentials: none of these may ever be printed. */
export const FAKE_CREDENTIALS = {
  TENCENTCLOUD_SECRET_ID: 'AKIDe2eFakeSecretIdMARKERq7Zk2Lw9',
  TENCENTCLOUD_SECRET_KEY: 'e2eFakeSecretKeyMARKERx3Vb8Nn4Rt6Yp1',
  TENCENTCLOUD_SESSION_TOKEN: 'e2eFakeSessionTokenMARKERa5Sd7Fg9Hj2Kl4',
} as const;
/** What a leak would show, even in part. */
const LEAK_MARKERS = ['SecretIdMARKER', 'SecretKeyMARKER', 'SessionTokenMARKER', ...Object.values(FAKE_CREDENTIALS)];

/** Throws when text holds any part of the fake credentials. */
export function assertNoSecrets(text: string, where: string): void {
  const found = LEAK_MARKERS.find((m) => text.includes(m));
  if (found !== undefined) throw new Error(`a credential (${found.slice(0, 6)}…) was printed in ${where}:\n${text}`);
}
