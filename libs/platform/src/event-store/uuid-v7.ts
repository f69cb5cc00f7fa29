import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn a block at a time, as crypto.randomUUID draws its own: the `uuid` package asks
 * the kernel for 16 fresh bytes on every identifier, which the command bench's profile showed at
 * about 3 % of a registration's CPU (issue 19).
 */
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;
function randomBytes(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/** The last millisecond stamped and the 12-bit counter within it (RFC 9562, 6.2, method 1). */
let lastMs = -1;
let counter = 0;
/** A new millisecond's counter starts in the lower half, so that increments rarely overflow it. */
const freshCounter = () => randomBytes(2).readUInt16BE(0) & 0x7ff;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a counter and random bits. Identifiers
 * made in one process sort in the order they were made, even within one millisecond or when the
 * clock steps back (the last millisecond is kept and the counter moves on).
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = freshCounter();
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = freshCounter();
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  randomBytes(8).copy(bytes, 8);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // the RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
