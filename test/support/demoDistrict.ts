import type { Actor } from '../../src/app/actor.ts';
import { authenticate, login } from '../../src/app/auth/sessions.ts';
import type { App } from '../../src/app/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/app/demo/seedDemo.ts';

/** A small demo district: every township, two villages each, a few hundred households. */
export async function seedSmallDistrict(app: App): Promise<void> {
  await seedDemo(app, { households: 520, villages: 52, operators: 40 });
}

/** Logs a demo account in and returns its actor and session token. */
export async function actorFor(
  app: App,
  username: string,
): Promise<{ actor: Actor; token: string }> {
  const { token } = await login(
    app,
    { username, password: DEMO_PASSWORD },
    { ip: '127.0.0.1', userAgent: 'test' },
  );
  return { actor: await authenticate(app, token), token };
}
