import { parentPort } from 'node:worker_threads';
import type { StreamCall, StreamMessage } from './streamWorkers.ts';

/**
 * The body of a worker thread of `StreamWorkers`: runs one call at a time — a module's
 * exported `stream(request)` — and posts what it yields, never more than `inFlight`
 * batches ahead of what the owner has taken. Between calls it waits, modules loaded.
 */

type Streamer = (request: unknown) => AsyncIterable<unknown>;

const port = parentPort!;
let credit = 0;
let resume: (() => void) | undefined;

async function streamerOf(module: string): Promise<Streamer> {
  return ((await import(module)) as { stream: Streamer }).stream;
}

async function run(call: StreamCall): Promise<void> {
  let last: StreamMessage = { done: true };
  try {
    for await (const batch of (await streamerOf(call.module))(call.request)) {
      if (credit === 0) await new Promise<void>((r) => (resume = r));
      credit--;
      port.postMessage({ batch } satisfies StreamMessage);
    }
  } catch (e) {
    last = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(last);
}

port.on('message', (m: { call: StreamCall } | { load: string } | 'taken') => {
  if (m === 'taken') {
    credit++;
    resume?.();
    resume = undefined;
  } else if ('load' in m) {
    void streamerOf(m.load).then(() =>
      port.postMessage({ loaded: m.load } satisfies StreamMessage),
    );
  } else {
    credit = m.call.inFlight;
    void run(m.call);
  }
});
