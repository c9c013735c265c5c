// cdktf's commons package probes terraform and phones home at import time unless this is set.
process.env.CHECKPOINT_DISABLE = '1';
// Tests must never pick up a developer's real cloud credentials or proxy.
for (const k of ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN', 'CKAFKA_ENDPOINT', 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) delete process.env[k];
// Nor a developer's emulator choice: the tests that are about it set it.
delete process.env.CKAFKA_EMULATOR;
