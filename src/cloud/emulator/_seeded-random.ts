/**
 * Deterministic randomness for the emulator. Every draw is a pure function of the seed, a stream
 * name and a counter kept in the state, so two runs with the same seed and the same sequence of
 * calls see the same request ids, faults and ports, whichever process made each call.
 */
import { createHash } from 'node:crypto';

function digest(seed: number, stream: string, index: number): Buffer {
  return createHash('sha256').update(`${seed}\u0000${stream}\u0000${index}`).digest();
}

/** A number in [0, 1) drawn from (seed, stream, index). */
export function drawUniform(seed: number, stream: string, index: number): number {
  // 48 bits are plenty for rates and keep the arithmetic exact in a double.
  return digest(seed, stream, index).readUIntBE(0, 6) / 2 ** 48;
}

/** An integer in [0, n) drawn from (seed, stream, index). */
export function drawInt(seed: number, stream: string, index: number, n: number): number {
  return Math.floor(drawUniform(seed, stream, index) * n);
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A lowercase alphanumeric id of `length` characters (CKafka ids: `ckafka-` + 8 of these). */
export function drawId(seed: number, stream: string, index: number, length: number): string {
  const bytes = digest(seed, stream, index);
  let out = '';
  for (let i = 0; i < length; i++) out += ID_ALPHABET[(bytes[i % bytes.length] ?? 0) % ID_ALPHABET.length];
  return out;
}

/** A version-4-shaped UUID, as Tencent Cloud request ids look. */
export function drawUuid(seed: number, stream: string, index: number): string {
  const b = Buffer.from(digest(seed, stream, index).subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
