import type { App } from '../app.ts';

/**
 * The outgoing channel for supervision notices (issue 8 §2): e-mail or SMS to a unit's
 * contact. The platform has no mail or SMS gateway configured, so the default
 * implementation only logs what it would send; a deployment registers a real one.
 */

export interface OutgoingNotice {
  /** 'district', or the owner key of the unit ('institution:<id>'). */
  readonly recipient: string;
  readonly recipientName: string;
  readonly subject: string;
  readonly body: string;
}

export interface Notifier {
  send(notice: OutgoingNotice): Promise<void>;
}

export const loggingNotifier: Notifier = {
  send(notice) {
    console.info(
      `[supervision notice] to ${notice.recipientName} (${notice.recipient}): ${notice.subject}`,
    );
    return Promise.resolve();
  },
};

const registered = new WeakMap<App, Notifier>();

/** Replaces the notifier of one app (a gateway in production, a recorder in tests). */
export function setNotifier(app: App, notifier: Notifier): void {
  registered.set(app, notifier);
}

export function notifierOf(app: App): Notifier {
  return registered.get(app) ?? loggingNotifier;
}
