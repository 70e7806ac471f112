import type { Store } from '../store/database.ts';

/** Everything a use case may touch: the store, the clock and the run mode. */
export interface App {
  readonly store: Store;
  /** Wall clock for timestamps; business dates are always explicit inputs. */
  readonly now: () => Date;
  /** Demo mode seeds the synthetic district and its demo accounts. */
  readonly demo: boolean;
}

export function createApp(store: Store, options: { demo?: boolean; now?: () => Date } = {}): App {
  return { store, now: options.now ?? (() => new Date()), demo: options.demo ?? false };
}
