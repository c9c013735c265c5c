/** TC3-HMAC-SHA256 helpers, checked against the SDK's own signer. */
import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';
import { buildCanonicalRequest, parseTc3Authorization, sha256Hex, signTc3Request, verifyTc3Request, type ReceivedRequest } from '../../../src/cloud/emulator';

const sign3 = (Sign as unknown as { sign3: (o: Record<string, unknown>) => string }).sign3;

const KEYS = new Map([['AKIDtest', 'secret']]);

function received(headers: Record<string, string>, body: string): ReceivedRequest {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return { method: 'POST', path: '/', query: '', headers: lower, body: Buffer.from(body) };
}

describe('TC3 signing', () => {
  it.each([
    ['127.0.0.1:9999', '127'],
    ['ckafka.localhost:9999', 'ckafka'],
  ])('produces the same signature as the SDK for %s (service %s) when it signs content-type;host only', (host, service) => {
    const payload = { InstanceId: 'ckafka-abc12345', BandWidth: 100 };
    const timestamp = 1772416800;
    const sdk = sign3({
      method: 'POST',
      url: `http://${host}/`,
      payload,
      timestamp,
      service,
      secretId: 'AKIDtest',
      secretKey: 'secret',
      multipart: false,
      boundary: '',
      headers: { 'Content-Type': 'application/json' },
    });
    const ours = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'ModifyInstancePre', payload: JSON.stringify(payload), host, timestamp, service, signAction: false });
    expect(ours.Authorization).toBe(sdk);
  });

  it('signs the action by default, so the signature is not valid for another action', () => {
    const body = '{"InstanceId":"ckafka-abc12345"}';
    const headers = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeInstanceAttributes', payload: body, host: 'ckafka.localhost:9999' });
    expect(headers.Authorization).toContain('SignedHeaders=content-type;host;x-tc-action,');
    const now = Number(headers['X-TC-Timestamp']);
    expect(verifyTc3Request(received(headers, body), KEYS, now)).toBeUndefined();
    expect(verifyTc3Request(received({ ...headers, 'X-TC-Action': 'DeleteInstancePre' }, body), KEYS, now)?.code).toBe('AuthFailure.SignatureFailure');
  });

  it('verifies its own signature and rejects any change to the body', () => {
    const body = '{"InstanceId":"ckafka-abc12345"}';
    const headers = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeRoute', payload: body, host: '127.0.0.1:9999' });
    const now = Number(headers['X-TC-Timestamp']);
    expect(verifyTc3Request(received(headers, body), KEYS, now)).toBeUndefined();
    expect(verifyTc3Request(received(headers, `${body} `), KEYS, now)?.code).toBe('AuthFailure.SignatureFailure');
  });

  it('accepts only the service ckafka, as the real API does', () => {
    const body = '{}';
    const good = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeRoute', payload: body, host: 'ckafka.tencentcloudapi.com:8080' });
    expect(good.Authorization).toContain('/ckafka/tc3_request');
    expect(verifyTc3Request(received(good, body), KEYS, Number(good['X-TC-Timestamp']))).toBeUndefined();
    // What the SDK signs for the endpoint 127.0.0.1:PORT.
    const sdkStyle = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeRoute', payload: body, host: '127.0.0.1:8080', service: '127' });
    const failure = verifyTc3Request(received(sdkStyle, body), KEYS, Number(sdkStyle['X-TC-Timestamp']));
    expect(failure?.code).toBe('AuthFailure.SignatureFailure');
    expect(failure?.message).toContain('names the service "127"; this endpoint is ckafka');
  });

  it('accepts only the hosts it is told to', () => {
    const hosts = new Set(['ckafka.localhost']);
    const mine = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeRoute', payload: '{}', host: 'ckafka.localhost:8080' });
    const theirs = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeRoute', payload: '{}', host: 'ckafka.evil.example' });
    expect(verifyTc3Request(received(mine, '{}'), KEYS, Number(mine['X-TC-Timestamp']), { hosts })).toBeUndefined();
    expect(verifyTc3Request(received(theirs, '{}'), KEYS, Number(theirs['X-TC-Timestamp']), { hosts })?.message).toContain('"ckafka.evil.example"');
  });

  it.each([
    ['SignatureExpire when the timestamp is 301 s old', 301, 'AuthFailure.SignatureExpire'],
    ['SignatureExpire when the timestamp is 301 s ahead', -301, 'AuthFailure.SignatureExpire'],
    ['nothing when the timestamp is 300 s old', 300, undefined],
  ])('answers %s', (_name, skew, code) => {
    const headers = signTc3Request({ secretId: 'AKIDtest', secretKey: 'secret', action: 'DescribeRoute', payload: '{}', host: 'h', timestamp: 1772416800 });
    expect(verifyTc3Request(received(headers, '{}'), KEYS, 1772416800 + skew)?.code).toBe(code);
  });

  it('never puts the secret key in a failure message', () => {
    const headers = signTc3Request({ secretId: 'AKIDtest', secretKey: 'wrong-secret', action: 'DescribeRoute', payload: '{}', host: 'h' });
    const failure = verifyTc3Request(received(headers, '{}'), KEYS, Number(headers['X-TC-Timestamp']));
    expect(failure?.code).toBe('AuthFailure.SignatureFailure');
    expect(failure?.message).not.toContain('secret');
  });

  it.each([
    ['no header', undefined],
    ['another algorithm', 'HMAC-SHA256 Credential=a/2026-01-01/ckafka/tc3_request, SignedHeaders=content-type;host, Signature=' + 'a'.repeat(64)],
    ['a short scope', 'TC3-HMAC-SHA256 Credential=a/2026-01-01/tc3_request, SignedHeaders=content-type;host, Signature=' + 'a'.repeat(64)],
    ['a bad date', 'TC3-HMAC-SHA256 Credential=a/20260101/ckafka/tc3_request, SignedHeaders=content-type;host, Signature=' + 'a'.repeat(64)],
    ['host not signed', 'TC3-HMAC-SHA256 Credential=a/2026-01-01/ckafka/tc3_request, SignedHeaders=content-type, Signature=' + 'a'.repeat(64)],
    ['a short signature', 'TC3-HMAC-SHA256 Credential=a/2026-01-01/ckafka/tc3_request, SignedHeaders=content-type;host, Signature=abc'],
  ])('does not parse an Authorization with %s', (_name, header) => {
    expect(parseTc3Authorization(header)).toBeUndefined();
  });

  it('parses a well-formed Authorization', () => {
    expect(parseTc3Authorization(`TC3-HMAC-SHA256 Credential=AKID/2026-03-02/127/tc3_request, SignedHeaders=content-type;host, Signature=${'AB'.repeat(32)}`)).toEqual({
      secretId: 'AKID',
      date: '2026-03-02',
      service: '127',
      signedHeaders: ['content-type', 'host'],
      signature: 'ab'.repeat(32),
    });
  });

  it('builds the canonical request of the spec', () => {
    expect(buildCanonicalRequest({ headers: { 'content-type': 'application/json', host: 'h' }, payload: '{}' })).toBe(
      `POST\n/\n\ncontent-type:application/json\nhost:h\n\ncontent-type;host\n${sha256Hex('{}')}`,
    );
  });
});
