import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * Worker threads that stream batches computed off the caller's thread (a settlement
 * run's lines: decision 0026). A call names a module exporting `stream(request)`, an
 * async generator; its batches come back in order, at most `inFlight` of them ahead of
 * the caller. A thread is kept between calls (one idle at most) so that only the first
 * call pays for starting it — a thread, tsx and the module graph, most of a second —
 * and `warm` pays that before anyone waits.
 */

export interface StreamCall {
  readonly module: string;
  readonly request: unknown;
  readonly inFlight: number;
}

export type StreamMessage =
  | { readonly batch: unknown }
  | { readonly done: true }
  | { readonly error: string }
  // The answer to `warm`; a call that took the thread first ignores it.
  | { readonly loaded: string };

const ENTRY = new URL('./tsWorker.mjs', import.meta.url);
const BODY = new URL('./streamWorker.ts', import.meta.url).href;

export class StreamWorkers {
  readonly #all = new Set<Worker>();
  #idle: Worker | undefined;

  /** Starts a thread (if none is idle) and loads `module` in it, ahead of the first call. */
  async warm(module: string): Promise<void> {
    const worker = (this.#idle ??= this.#start());
    const loaded = once(worker, 'message') as Promise<[StreamMessage]>;
    worker.postMessage({ load: module });
    await loaded;
  }

  async *stream<T>(module: string, request: unknown, inFlight: number): AsyncGenerator<T> {
    const worker = this.#idle ?? this.#start();
    this.#idle = undefined;
    worker.ref();
    const inbox: StreamMessage[] = [];
    let wake: (() => void) | undefined;
    const deliver = (m: StreamMessage): void => {
      inbox.push(m);
      wake?.();
      wake = undefined;
    };
    const failed = (e: Error) => deliver({ error: e.stack ?? e.message });
    const exited = (code: number) => deliver({ error: `the worker stopped (exit code ${code})` });
    worker.on('message', deliver).on('error', failed).on('exit', exited);
    let reusable = false;
    try {
      worker.postMessage({ call: { module, request, inFlight } satisfies StreamCall });
      for (;;) {
        if (inbox.length === 0) await new Promise<void>((r) => (wake = r));
        const m = inbox.shift()!;
        if ('loaded' in m) continue;
        if ('error' in m) throw new Error(`worker thread: ${m.error}`);
        if ('done' in m) {
          reusable = true;
          return;
        }
        yield m.batch as T;
        worker.postMessage('taken');
      }
    } finally {
      worker.off('message', deliver).off('error', failed).off('exit', exited);
      if (reusable && this.#idle === undefined) {
        worker.unref();
        this.#idle = worker;
      } else {
        // Stopped half way (or one is idle already): its call may still be running.
        this.#all.delete(worker);
        await worker.terminate();
      }
    }
  }

  async close(): Promise<void> {
    const all = [...this.#all];
    this.#all.clear();
    this.#idle = undefined;
    await Promise.all(all.map((w) => w.terminate()));
  }

  #start(): Worker {
    const worker = new Worker(ENTRY, { workerData: { module: BODY } });
    // An idle thread does not keep the process alive; one that fails while idle is dropped.
    worker.unref();
    worker.on('error', () => this.#drop(worker)).on('exit', () => this.#drop(worker));
    this.#all.add(worker);
    return worker;
  }

  #drop(worker: Worker): void {
    this.#all.delete(worker);
    if (this.#idle === worker) this.#idle = undefined;
  }
}
