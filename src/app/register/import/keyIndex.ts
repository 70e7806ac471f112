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
