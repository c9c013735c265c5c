/**
 * The environment given to measured child processes: the parent's, without anything that could
 * point them elsewhere (credentials, endpoints, proxies) or change their output (colour).
 */
const DROP = /^(TENCENTCLOUD_|CKAFKA_|https?_proxy$|no_proxy$|all_proxy$|FORCE_COLOR$|CI$)/i;

export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROP.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** The environment of a CLI run against an emulator endpoint with the given key pair. */
export function cloudEnv(credentials: { readonly secretId: string; readonly secretKey: string }, region = 'ap-guangzhou'): NodeJS.ProcessEnv {
  return cleanEnv({ TENCENTCLOUD_SECRET_ID: credentials.secretId, TENCENTCLOUD_SECRET_KEY: credentials.secretKey, TENCENTCLOUD_REGION: region });
}
