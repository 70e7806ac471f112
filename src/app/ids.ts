import { randomFillSync } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time: a randomBytes call per id cost ~3 µs, a third
// of a bulk import's time at five ids per household.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

function randomBytes(n: number): Buffer {
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += n;
  return pool.subarray(offset - n, offset);
}

const COUNTER_LIMIT = 2 ** 30;
let lastMs = -1;
let counter = 0;

/**
 * Time-ordered identifiers (UUIDv7 layout, RFC 9562 §6.2 method 1): a millisecond
 * timestamp, a 30-bit counter that starts at a random value each millisecond and counts
 * up within it, and 44 random bits. Ids minted with the same time — a bulk import stamps
 * a million households with one `now` — therefore still sort in creation order, so index
 * inserts append instead of landing at random pages. Unguessable enough that a forged
 * id finds nothing, and free of any central sequence so shards mint their own.
 */
export function newId(now: number = Date.now()): string {
  let ms = now;
  if (ms === lastMs) {
    counter++;
    // 2^29 ids within one millisecond: borrow the next one rather than repeat.
    if (counter >= COUNTER_LIMIT) lastMs = ms = ms + 1;
  }
  if (ms !== lastMs || counter >= COUNTER_LIMIT) {
    lastMs = ms;
    const r = randomBytes(4);
    counter = r.readUInt32BE(0) >>> 3; // below 2^29: room to count up
  }
  const rand = randomBytes(6);
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >>> 26); // version 7, counter bits 29–26
  bytes[7] = (counter >>> 18) & 0xff;
  bytes[8] = 0x80 | ((counter >>> 12) & 0x3f); // variant, counter bits 17–12
  bytes[9] = (counter >>> 4) & 0xff;
  bytes[10] = ((counter & 0x0f) << 4) | (rand[0]! & 0x0f);
  rand.copy(bytes, 11, 1, 6);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
