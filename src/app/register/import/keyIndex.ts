/**
 * Compact first-seen indexes for the import's duplicate checks. A million-household file
 * holds about three million resident IDs; as JS strings in a Set they would cost ~200 MB,
 * as 8-byte numbers in an open-addressing table 32 MB (plus 4 bytes per slot for the row
 * where each key was first seen, so messages can say "same as row N").
 */
export class NumberIndex {
  private keys: Float64Array;
  private rows: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 12) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, (capacity * 4) / 3)));
    this.keys = new Float64Array(size);
    this.rows = new Uint32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records `key` (an integer in [0, 2^53 - 2]) as first seen on `row` (≥ 1), or returns
   * the row it was first seen on. 0 means it was new.
   */
  firstRow(key: number, row: number): number {
    const stored = key + 1; // 0 marks an empty slot
    let i = slot(stored) & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === 0) break;
      if (k === stored) return this.rows[i]!;
      i = (i + 1) & this.mask;
    }
    this.keys[i] = stored;
    this.rows[i] = row;
    // Up to 3/4 full: linear probing stays short, and three million IDs fit in 48 MB.
    if (++this.count * 4 > this.keys.length * 3) this.grow();
    return 0;
  }

  /** The row `key` was first seen on; 0 when never. */
  rowOf(key: number): number {
    const stored = key + 1;
    for (let i = slot(stored) & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.keys[i]!;
      if (k === 0) return 0;
      if (k === stored) return this.rows[i]!;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Uint32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j]!;
      if (k === 0) continue;
      let i = slot(k) & this.mask;
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.rows[i] = oldRows[j]!;
    }
  }
}

/** A 32-bit mix of a 53-bit integer (murmur3 finaliser over its two halves). */
function slot(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = lo ^ Math.imul(hi, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * An exact number for a valid resident ID: address code, birth date and sequence fit in
 * 52 bits, and the check character follows from them, so equal keys mean equal IDs.
 */
export function residentIdKey(id: string): number {
  const area = Number(id.slice(0, 6));
  const year = Number(id.slice(6, 10)) - 1900; // validated: 1900..9999
  const month = Number(id.slice(10, 12)) - 1;
  const day = Number(id.slice(12, 14)) - 1;
  const seq = Number(id.slice(14, 17));
  const date = (year * 12 + month) * 31 + day; // < 3.02e6
  return (area * 3_020_000 + date) * 1000 + seq; // < 3.02e15 < 2^53
}

/** First-seen index for household numbers: numeric ones compactly, the rest as strings. */
export class HouseholdNoIndex {
  private readonly numeric = new NumberIndex();
  private readonly other = new Map<string, number>();

  firstRow(householdNo: string, row: number): number {
    // A leading 1 keeps leading zeros significant; 15 digits stay below 2^53.
    if (householdNo.length <= 15 && /^\d+$/.test(householdNo)) {
      return this.numeric.firstRow(Number(`1${householdNo}`), row);
    }
    const seen = this.other.get(householdNo);
    if (seen !== undefined) return seen;
    this.other.set(householdNo, row);
    return 0;
  }
}

/** A 52-bit hash of a string (two 32-bit FNV-1a-style lanes, murmur3-finalised). */
export function stringKey(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35) ^ h2;
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x2c1b3c6d) ^ (h1 >>> 7);
  return (h2 & 0xfffff) * 4294967296 + ((h1 ^ (h1 >>> 16)) >>> 0);
}

/**
 * First-seen index for arbitrary strings (a bank's transaction ids): each kept as its
 * 52-bit hash, 12 bytes a key instead of a string. A hash seen before is only a
 * candidate: the caller confirms it by the key first seen on that row (`keyAt`, e.g. read
 * back from where those rows were staged), so a collision never reads as a repeat; the
 * rare colliding keys are kept exactly.
 */
export class StringIndex {
  private readonly hashes: NumberIndex;
  private readonly exact = new Map<string, number>();

  constructor(capacity?: number) {
    this.hashes = new NumberIndex(capacity);
  }

  /** The row on which a key with `key`'s hash was first seen (to confirm); 0 when none. */
  candidateRow(key: string): number {
    return this.hashes.rowOf(stringKey(key));
  }

  /** Records `key` as first seen on `row`, or returns the row it was first seen on (0: new). */
  firstRow(key: string, row: number, keyAt: (row: number) => string | undefined): number {
    const exact = this.exact.get(key);
    if (exact !== undefined) return exact;
    const first = this.hashes.firstRow(stringKey(key), row);
    if (first === 0 || keyAt(first) === key) return first;
    this.exact.set(key, row);
    return 0;
  }
}
