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
