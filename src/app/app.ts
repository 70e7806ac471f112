import type { Store } from '../store/database.ts';
import { StreamWorkers } from './streamWorkers.ts';

/** Everything a use case may touch: the store, the clock and the run mode. */
export interface App {
  readonly store: Store;
  /** Wall clock for timestamps; business dates are always explicit inputs. */
  readonly now: () => Date;
  /** Demo mode seeds the synthetic district and its demo accounts. */
  readonly demo: boolean;
  /** Worker threads for work that runs beside a use case's own (settlement pricing). */
  readonly workers: StreamWorkers;
}

export function createApp(store: Store, options: { demo?: boolean; now?: () => Date } = {}): App {
  return {
    store,
    now: options.now ?? (() => new Date()),
    demo: options.demo ?? false,
    workers: new StreamWorkers(),
  };
}
