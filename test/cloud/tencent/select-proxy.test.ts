import * as http from 'http';
import * as https from 'https';
import { CloudError } from '../../../src/cloud/port';
import { DEFAULT_ENDPOINT, parseEndpoint } from '../../../src/cloud/tencent/parse-endpoint';
import { createAgent, isLoopbackHost, matchesNoProxy, normaliseProxyUrl, selectProxy, type Env } from '../../../src/cloud/tencent/select-proxy';
import { tencentConfigFromEnv } from '../../../src/cloud/tencent/tencent-config-from-env';

describe('parseEndpoint', () => {
  it.each([
    // Plain http on this machine: an emulator, signed as ckafka.localhost (service ckafka).
    ['http://127.0.0.1:8080', 'http://', 'ckafka.localhost:8080', '127.0.0.1', 8080],
    ['https://ckafka.internal.example:443', 'https://', 'ckafka.internal.example', 'ckafka.internal.example', 443],
    ['https://ckafka.internal.example:8443/', 'https://', 'ckafka.internal.example:8443', 'ckafka.internal.example', 8443],
    ['ckafka.intl.tencentcloudapi.com', 'https://', 'ckafka.intl.tencentcloudapi.com', 'ckafka.intl.tencentcloudapi.com', 443],
    ['localhost:9000', 'https://', 'localhost:9000', 'localhost', 9000],
    ['http://[::1]:8080', 'http://', 'ckafka.localhost:8080', '::1', 8080],
    ['https://127.0.0.1:8443', 'https://', '127.0.0.1:8443', '127.0.0.1', 8443],
    [DEFAULT_ENDPOINT, 'https://', 'ckafka.tencentcloudapi.com', 'ckafka.tencentcloudapi.com', 443],
  ])('%s → %s + %s', (value, protocol, sdkEndpoint, hostname, port) => {
    expect(parseEndpoint(value)).toMatchObject({ protocol, sdkEndpoint, hostname, port });
  });

  it.each([
    ['http://127.0.0.1:8080', '127.0.0.1'],
    ['http://localhost:4577', 'localhost'],
    ['http://[::1]:8080', '::1'],
    ['http://ckafka.localhost:4577', '127.0.0.1'],
    ['https://127.0.0.1:8443', undefined],
    ['http://ckafka.internal.example:8080', undefined],
  ])('%s connects to %s', (value, connectHost) => {
    expect(parseEndpoint(value).connectHost).toBe(connectHost);
  });

  it.each([
    ['', 'it is empty'],
    ['ftp://ckafka.example', 'the scheme ftp is not supported'],
    ['https://ckafka.example/v3', 'a path cannot be honoured'],
    ['https://ckafka.example/?x=1', 'a query or fragment'],
    ['http://', 'does not parse'],
  ])('rejects %p (%s)', (value, why) => {
    expect(() => parseEndpoint(value, 'CKAFKA_ENDPOINT')).toThrow(why);
    try {
      parseEndpoint(value, 'CKAFKA_ENDPOINT');
    } catch (e) {
      expect(CloudError.isCloudError(e) && e.code).toBe('ClientError.InvalidEndpoint');
      expect((e as Error).message).toMatch(/^CKAFKA_ENDPOINT must be a URL like/);
    }
  });

  it('rejects credentials in the endpoint without printing them', () => {
    expect(() => parseEndpoint('https://admin:hunter2pass@ckafka.example')).toThrow('credentials do not belong in the endpoint');
    try {
      parseEndpoint('https://admin:hunter2pass@ckafka.example');
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2pass');
    }
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', true],
    ['128.0.0.1', false],
    ['ckafka.tencentcloudapi.com', false],
    ['10.0.0.1', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('matchesNoProxy', () => {
  it.each([
    ['*', 'ckafka.tencentcloudapi.com', 443, true],
    ['tencentcloudapi.com', 'ckafka.tencentcloudapi.com', 443, true],
    ['.tencentcloudapi.com', 'ckafka.tencentcloudapi.com', 443, true],
    ['*.tencentcloudapi.com', 'ckafka.tencentcloudapi.com', 443, true],
    ['tencentcloudapi.com', 'tencentcloudapi.com', 443, true],
    ['cloudapi.com', 'ckafka.tencentcloudapi.com', 443, false],
    ['example.com, ckafka.internal.example', 'ckafka.internal.example', 443, true],
    ['example.com ckafka.internal.example', 'ckafka.internal.example', 443, true],
    ['ckafka.internal.example:8443', 'ckafka.internal.example', 443, false],
    ['ckafka.internal.example:8443', 'ckafka.internal.example', 8443, true],
    ['10.0.0.0/8', '10.20.30.40', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['192.168.1.7', '192.168.1.7', 80, true],
    ['[fd00::1]:8080', 'fd00::1', 8080, true],
    ['', 'ckafka.tencentcloudapi.com', 443, false],
  ])('no_proxy %p matches %s:%i → %s', (noProxy, host, port, matches) => {
    expect(matchesNoProxy(noProxy, host, port)).toBe(matches);
  });
});

describe('selectProxy: endpoint × env', () => {
  const corp = 'http://proxy.corp:3128';
  const tls = 'http://tls-proxy.corp:3128';
  it.each<[string, Env, string | undefined]>([
    // Loopback never goes through a proxy, whatever the env says.
    ['http://127.0.0.1:8080', { http_proxy: corp, HTTPS_PROXY: tls }, undefined],
    ['http://localhost:8080', { HTTP_PROXY: corp }, undefined],
    ['https://[::1]:8443', { https_proxy: tls }, undefined],
    // https endpoints: https_proxy first, then http_proxy (the SDK used http_proxy for https).
    ['https://ckafka.tencentcloudapi.com', { https_proxy: tls, http_proxy: corp }, tls],
    ['https://ckafka.tencentcloudapi.com', { HTTPS_PROXY: tls }, tls],
    ['https://ckafka.tencentcloudapi.com', { http_proxy: corp }, corp],
    ['https://ckafka.tencentcloudapi.com', { HTTP_PROXY: corp }, corp],
    ['https://ckafka.tencentcloudapi.com', {}, undefined],
    // Lower case wins over upper case.
    ['https://ckafka.tencentcloudapi.com', { https_proxy: tls, HTTPS_PROXY: 'http://other:1' }, tls],
    // http endpoints: http_proxy only.
    ['http://ckafka.internal.example:8080', { https_proxy: tls }, undefined],
    ['http://ckafka.internal.example:8080', { http_proxy: corp, https_proxy: tls }, corp],
    // no_proxy / NO_PROXY.
    ['https://ckafka.tencentcloudapi.com', { https_proxy: tls, no_proxy: '.tencentcloudapi.com' }, undefined],
    ['https://ckafka.tencentcloudapi.com', { https_proxy: tls, NO_PROXY: '*' }, undefined],
    ['https://ckafka.internal.example', { https_proxy: tls, no_proxy: 'example.org' }, tls],
    ['https://10.1.2.3', { https_proxy: tls, no_proxy: '10.0.0.0/8' }, undefined],
    // Empty values count as unset.
    ['https://ckafka.tencentcloudapi.com', { https_proxy: '', http_proxy: corp }, corp],
  ])('%s with %j → %p', (endpoint, env, proxy) => {
    expect(selectProxy(parseEndpoint(endpoint), env)).toBe(proxy);
  });
});

describe('normaliseProxyUrl', () => {
  it('adds http:// when no scheme is given', () => {
    expect(normaliseProxyUrl('proxy.corp:3128')).toBe('http://proxy.corp:3128');
  });

  it('rejects a bad proxy without printing its password', () => {
    try {
      normaliseProxyUrl('socks5://user:s3cretpw@proxy.corp:1080', 'https_proxy');
      throw new Error('expected a failure');
    } catch (e) {
      expect(CloudError.isCloudError(e) && e.code).toBe('ClientError.InvalidProxy');
      expect((e as Error).message).toContain('https_proxy must be an http or https proxy URL');
      expect((e as Error).message).not.toContain('s3cretpw');
    }
  });
});

describe('createAgent', () => {
  it('builds a keep-alive agent of the endpoint scheme for a direct connection', () => {
    const plain = createAgent(parseEndpoint('http://127.0.0.1:1'), undefined, { maxSockets: 3 });
    const tls = createAgent(parseEndpoint('https://ckafka.tencentcloudapi.com'), undefined, { maxSockets: 3 });
    expect(plain).toBeInstanceOf(http.Agent);
    expect(plain).not.toBeInstanceOf(https.Agent);
    expect(tls).toBeInstanceOf(https.Agent);
    expect(plain.maxSockets).toBe(3);
    plain.destroy();
    tls.destroy();
  });

  it("uses the SDK's own https-proxy-agent for a proxy", () => {
    const agent = createAgent(parseEndpoint('https://ckafka.tencentcloudapi.com'), 'http://proxy.corp:3128', { maxSockets: 3 });
    expect(agent.constructor.name).toBe('HttpsProxyAgent');
    expect(agent).not.toBeInstanceOf(http.Agent);
  });
});

describe('tencentConfigFromEnv', () => {
  const full: Env = {
    TENCENTCLOUD_SECRET_ID: 'AKIDexample000000000000000000000000',
    TENCENTCLOUD_SECRET_KEY: 'key-example',
    TENCENTCLOUD_SESSION_TOKEN: 'token-example',
    TENCENTCLOUD_REGION: 'ap-shanghai',
  };

  it('reads credentials, region and the public endpoint', () => {
    expect(tencentConfigFromEnv(full)).toEqual({
      credentials: { secretId: full.TENCENTCLOUD_SECRET_ID, secretKey: 'key-example', token: 'token-example' },
      region: 'ap-shanghai',
      endpoint: undefined,
      proxy: undefined,
      writeSettleMs: undefined,
    });
  });

  it("prefers the declaration's region and an explicit endpoint", () => {
    const cfg = tencentConfigFromEnv({ ...full, CKAFKA_ENDPOINT: 'http://127.0.0.1:1' }, { region: 'ap-guangzhou', endpoint: 'http://127.0.0.1:2' });
    expect(cfg.region).toBe('ap-guangzhou');
    expect(cfg.endpoint).toBe('http://127.0.0.1:2');
  });

  it.each<[string, Env]>([
    ['no secret id', { TENCENTCLOUD_SECRET_KEY: 'k' }],
    ['no secret key', { TENCENTCLOUD_SECRET_ID: 'i' }],
    ['empty values', { TENCENTCLOUD_SECRET_ID: ' ', TENCENTCLOUD_SECRET_KEY: '' }],
  ])('has no credentials with %s', (_name, env) => {
    expect(tencentConfigFromEnv(env).credentials).toBeUndefined();
  });

  it('has no region when neither the declaration nor TENCENTCLOUD_REGION gives one', () => {
    expect(tencentConfigFromEnv({}).region).toBeUndefined();
  });

  it('applies the proxy policy to the endpoint', () => {
    const env: Env = { ...full, https_proxy: 'proxy.corp:3128', http_proxy: 'http://proxy.corp:3128' };
    expect(tencentConfigFromEnv(env).proxy).toBe('http://proxy.corp:3128');
    expect(tencentConfigFromEnv({ ...env, CKAFKA_ENDPOINT: 'http://127.0.0.1:8080' }).proxy).toBeUndefined();
  });

  it('honours CKAFKA_WRITE_SETTLE_MS for an emulator on this machine', () => {
    expect(tencentConfigFromEnv({ ...full, CKAFKA_ENDPOINT: 'http://127.0.0.1:8080', CKAFKA_WRITE_SETTLE_MS: '200' }).writeSettleMs).toBe(200);
    expect(tencentConfigFromEnv({ ...full, CKAFKA_ENDPOINT: 'http://localhost:8080', CKAFKA_WRITE_SETTLE_MS: '0' }).writeSettleMs).toBe(0);
    expect(tencentConfigFromEnv({ ...full, CKAFKA_ENDPOINT: 'http://[::1]:8080', CKAFKA_WRITE_SETTLE_MS: '50' }).writeSettleMs).toBe(50);
    expect(tencentConfigFromEnv({ ...full, CKAFKA_WRITE_SETTLE_MS: ' ' }).writeSettleMs).toBeUndefined();
  });

  it.each<[string, Env, RegExp]>([
    ['the public endpoint', { CKAFKA_WRITE_SETTLE_MS: '200' }, /applies only to an endpoint on this machine .* the public endpoint keeps the default/],
    ['a remote endpoint', { CKAFKA_ENDPOINT: 'https://ckafka.internal.example', CKAFKA_WRITE_SETTLE_MS: '0' }, /ckafka\.internal\.example keeps the default settling time/],
    ['a name under .localhost (a resolver may send it elsewhere)', { CKAFKA_ENDPOINT: 'http://emulator.localhost:8080', CKAFKA_WRITE_SETTLE_MS: '0' }, /emulator\.localhost keeps the default/],
    ['a name that starts like a loopback address', { CKAFKA_ENDPOINT: 'http://127.0.0.1.example.com:8080', CKAFKA_WRITE_SETTLE_MS: '0' }, /keeps the default/],
    ['not a number', { CKAFKA_ENDPOINT: 'http://127.0.0.1:8080', CKAFKA_WRITE_SETTLE_MS: '1s' }, /must be a whole number of milliseconds, got "1s"/],
    ['a negative number', { CKAFKA_ENDPOINT: 'http://127.0.0.1:8080', CKAFKA_WRITE_SETTLE_MS: '-5' }, /must be a whole number/],
  ])('refuses CKAFKA_WRITE_SETTLE_MS for %s', (_name, env, message) => {
    expect(() => tencentConfigFromEnv({ ...full, ...env })).toThrow(message);
  });

  it('names CKAFKA_ENDPOINT when it is malformed', () => {
    expect(() => tencentConfigFromEnv({ CKAFKA_ENDPOINT: 'ftp://x' })).toThrow(/^CKAFKA_ENDPOINT must be a URL/);
  });
});
