/**
 * Clients of the emulator's HTTP front for its tests: the real SDK client, hand-signed and raw
 * requests, and a raw socket for what a hostile client sends.
 */
import type { Agent} from 'node:http';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ckafka } from 'tencentcloud-sdk-nodejs-ckafka';
import { signTc3Request, createLoopbackAgent, type EmulatorServer } from '../../../src/cloud/emulator';

export const KEY = { secretId: 'AKIDemulatortest', secretKey: 'emulator-secret-key' };
// The SDK reaches the server as ckafka.localhost:<port> (so it signs as service ckafka) through
// an agent that connects to 127.0.0.1.
export const agent: Agent = createLoopbackAgent('127.0.0.1', { keepAlive: false });

export function sdkClient(server: EmulatorServer, secretKey = KEY.secretKey, secretId = KEY.secretId) {
  return new ckafka.v20190819.Client({
    credential: { secretId, secretKey },
    region: 'ap-guangzhou',
    // An explicit agent, so a developer's http_proxy is not used for loopback.
    profile: { httpProfile: { endpoint: server.endpoint, protocol: 'http://', agent, reqTimeout: 10 } },
  });
}

export interface RawResponse {
  status: number;
  contentType: string | undefined;
  text: string;
}

export function post(server: EmulatorServer, headers: Record<string, string>, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function signed(server: EmulatorServer, action: string, payload: string, extra: { timestamp?: number; secretKey?: string; version?: string; signAction?: boolean } = {}): Record<string, string> {
  return signTc3Request({
    ...(extra.signAction !== undefined ? { signAction: extra.signAction } : {}),
    secretId: KEY.secretId,
    secretKey: extra.secretKey ?? KEY.secretKey,
    action,
    payload,
    host: server.endpoint,
    region: 'ap-guangzhou',
    ...(extra.timestamp !== undefined ? { timestamp: extra.timestamp } : {}),
    ...(extra.version !== undefined ? { version: extra.version } : {}),
  });
}

export async function sdkError(p: Promise<unknown>): Promise<{ code?: string; httpCode?: number; message: string; requestId?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; httpCode?: number; message: string; requestId?: string };
  }
  throw new Error('expected the SDK call to fail');
}

/** Raw HTTP on a socket: what a hostile client sends, byte for byte. */
export function rawClient(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('latin1').on('data', (d: string) => (data += d));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, received: () => data, closed };
}

export function requestHead(port: number, headers: Record<string, string>): string {
  return `POST / HTTP/1.1\r\nHost: ckafka.localhost:${port}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

/** Resolves with what `p` gives within `ms` real milliseconds, else with `late`. */
export function within<T, L>(p: Promise<T>, ms: number, late: L): Promise<T | L> {
  return Promise.race([p, new Promise<L>((resolve) => setTimeout(() => resolve(late), ms).unref())]);
}
