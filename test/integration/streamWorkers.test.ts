import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamWorkers } from '../../src/app/streamWorkers.ts';

const COUNTING = new URL('../support/countingStream.ts', import.meta.url).href;

interface Item {
  i: number;
  threadId: number;
}

async function all(gen: AsyncGenerator<Item>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

describe('StreamWorkers: batches computed in a worker thread', () => {
  let workers = new StreamWorkers();
  afterEach(async () => {
    await workers.close();
    workers = new StreamWorkers();
  });

  it('yields every batch in order, from another thread, more than in flight at once', async () => {
    const items = await all(workers.stream<Item>(COUNTING, { count: 25 }, 2));
    expect(items.map((x) => x.i)).toEqual([...Array(25).keys()]);
    expect(new Set(items.map((x) => x.threadId)).size).toBe(1);
    expect(items[0]!.threadId).not.toBe(threadId);
  });

  it('makes no more than in flight ahead of a caller that is slow to take them', async () => {
    const produced = new Int32Array(new SharedArrayBuffer(4));
    const inFlight = 2;
    let mostAhead = 0;
    let taken = 0;
    for await (const item of workers.stream<Item>(COUNTING, { count: 25, produced }, inFlight)) {
      expect(item.i).toBe(taken);
      // Held back here, the worker could make every batch if nothing stopped it.
      await new Promise((r) => setTimeout(r, 20));
      // Posted and not yet taken: at most `inFlight`; one more may wait, made, for credit.
      mostAhead = Math.max(mostAhead, Atomics.load(produced, 0) - taken);
      taken++;
    }
    expect(taken).toBe(25);
    expect(mostAhead).toBeLessThanOrEqual(inFlight + 1);
    expect(mostAhead).toBeGreaterThan(1); // it did work ahead of the caller
  });

  it('keeps the thread for the next call, warm or not', async () => {
    await workers.warm(COUNTING);
    const first = await all(workers.stream<Item>(COUNTING, { count: 3 }, 4));
    const second = await all(workers.stream<Item>(COUNTING, { count: 3 }, 4));
    expect(second[0]!.threadId).toBe(first[0]!.threadId);
  });

  it("passes the worker's error on and does not reuse the thread", async () => {
    const seen: Item[] = [];
    const failing = (async () => {
      for await (const item of workers.stream<Item>(COUNTING, { count: 5, failAt: 3 }, 4)) {
        seen.push(item);
      }
    })();
    await expect(failing).rejects.toThrow(/failed at 3/);
    expect(seen.map((x) => x.i)).toEqual([0, 1, 2]);
    const next = await all(workers.stream<Item>(COUNTING, { count: 2 }, 4));
    expect(next.map((x) => x.i)).toEqual([0, 1]);
    expect(next[0]!.threadId).not.toBe(seen[0]!.threadId);
  });

  it('a caller that stops early stops the thread; the next call gets a new one', async () => {
    let firstThread = 0;
    for await (const item of workers.stream<Item>(COUNTING, { count: 100 }, 4)) {
      firstThread = item.threadId;
      break;
    }
    const next = await all(workers.stream<Item>(COUNTING, { count: 1 }, 4));
    expect(next[0]!.threadId).not.toBe(firstThread);
  });
});
