/**
 * A module for StreamWorkers tests: yields `[0], [1], …, [count - 1]`, throwing instead
 * of yielding `failAt`. `threadId` tells which thread ran it; `produced`, shared with the
 * caller, counts the batches made so far.
 */
import { threadId } from 'node:worker_threads';

export async function* stream(request: {
  count: number;
  failAt?: number;
  produced?: Int32Array;
}): AsyncGenerator<{ i: number; threadId: number }> {
  for (let i = 0; i < request.count; i++) {
    if (i === request.failAt) throw new Error(`failed at ${i}`);
    await Promise.resolve();
    if (request.produced) Atomics.add(request.produced, 0, 1);
    yield { i, threadId };
  }
}
