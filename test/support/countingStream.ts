/**
 * A module for StreamWorkers tests: yields `[0], [1], …, [count - 1]`, throwing instead
 * of yielding `failAt`. `threadId` tells which thread ran it.
 */
import { threadId } from 'node:worker_threads';

export async function* stream(request: {
  count: number;
  failAt?: number;
}): AsyncGenerator<{ i: number; threadId: number }> {
  for (let i = 0; i < request.count; i++) {
    if (i === request.failAt) throw new Error(`failed at ${i}`);
    await Promise.resolve();
    yield { i, threadId };
  }
}
