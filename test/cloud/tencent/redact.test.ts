import { REDACTED, createRedactor, redact, redactUrl } from '../../../src/cloud/redact';

describe('redact', () => {
  const secretKey = 'Zq8vN3sK-very-secret-key-77';
  const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
  const r = createRedactor([secretId, secretKey, 'sts-token-abcdef', undefined, '']);

  it.each([
    [`bad key ${secretKey} given`, `bad key ${REDACTED} given`],
    [`id=${secretId}`, `id=${REDACTED}`],
    [`quoted "${encodeURIComponent(secretKey)}"`, `quoted "${REDACTED}"`],
    ['Authorization: TC3-HMAC-SHA256 Credential=AKIDother/2026-01-01/ckafka/tc3_request, SignedHeaders=content-type;host, Signature=abc123', `Authorization: ${REDACTED}`],
    ['"authorization":"TC3-HMAC-SHA256 Credential=x/y, Signature=z"', `"authorization":"${REDACTED}"`],
    ['X-TC-Token: sts-token-zzz', `X-TC-Token: ${REDACTED}`],
    ['proxy http://alice:pw123@proxy.corp:3128 refused', `proxy http://${REDACTED}@proxy.corp:3128 refused`],
    ['SecretKey=abc SecretId: def token=ghi password=jkl', `SecretKey=${REDACTED} SecretId: ${REDACTED} token=${REDACTED} password=${REDACTED}`],
    ['{"secretKey":"v1","TENCENTCLOUD_SECRET_KEY":"v2"}', `{"secretKey":"${REDACTED}","TENCENTCLOUD_SECRET_KEY":"${REDACTED}"}`],
    ['another id AKIDabcdefghijklmnopqrstu in text', `another id AKID${REDACTED} in text`],
    ['nothing secret in here: bandwidth 400 MB/s', 'nothing secret in here: bandwidth 400 MB/s'],
  ])('%s', (input, output) => {
    expect(r(input)).toBe(output);
  });

  it('does not redact very short secrets literally', () => {
    expect(redact('a b c', ['b'])).toBe('a b c');
  });

  it('redactUrl hides userinfo and keeps the rest', () => {
    expect(redactUrl('http://alice:pw123@proxy.corp:3128/')).not.toContain('pw123');
    expect(redactUrl('http://alice:pw123@proxy.corp:3128/')).toContain('proxy.corp:3128');
    expect(redactUrl('http://proxy.corp:3128/')).toBe('http://proxy.corp:3128/');
  });
});
