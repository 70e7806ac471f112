import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import type { Actor } from '../app/actor.ts';
import type { App } from '../app/app.ts';
import { authenticate, login, logout, sessionUser } from '../app/auth/sessions.ts';
import { AppError } from '../app/errors.ts';
import { execute } from '../app/useCase.ts';
import { registerFileRoutes } from './fileRoutes.ts';
import { ROUTES } from './routes.ts';

export const SESSION_COOKIE = 'jinfu_session';

export interface ServerOptions {
  /** Directory of the built web app; served at / when it exists. */
  webDir?: string;
  /** Send cookies with the Secure flag (behind HTTPS). */
  secureCookies?: boolean;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Errors from src/core carry the same bilingual shape; anything else is a 500. */
function errorBody(err: unknown): { status: number; body: Record<string, unknown> } {
  if (err instanceof AppError) return { status: err.status, body: err.toJSON() };
  const e = err as {
    code?: unknown;
    message_zh?: unknown;
    message_en?: unknown;
    field?: unknown;
    statusCode?: number;
  };
  if (typeof e.message_zh === 'string' && typeof e.message_en === 'string') {
    return {
      status: 400,
      body: { code: e.code, message_zh: e.message_zh, message_en: e.message_en, field: e.field },
    };
  }
  if (e.statusCode === 413) {
    return {
      status: 413,
      body: { code: 'too_large', message_zh: '请求内容过大', message_en: 'Request body too large' },
    };
  }
  if (e.statusCode === 414) {
    return {
      status: 414,
      body: { code: 'too_long', message_zh: '请求地址过长', message_en: 'Request URL too long' },
    };
  }
  if (e.statusCode === 400 || e.statusCode === 415) {
    return {
      status: 400,
      body: { code: 'bad_request', message_zh: '请求格式不正确', message_en: 'Malformed request' },
    };
  }
  return {
    status: 500,
    body: { code: 'internal', message_zh: '服务器内部错误', message_en: 'Internal server error' },
  };
}

export async function buildServer(app: App, options: ServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({
    logger: options.logger
      ? { redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] }
      : false,
    bodyLimit: 1024 * 1024,
    // The router's own refusals (an over-long path parameter, bad percent-encoding) get
    // the same bilingual body as everything else, without echoing the URL back.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const { status, body } = errorBody(err);
      void reply.status(status).send(body);
    },
  });
  // Use cases validate their own input (one place, bilingual errors); fastify's schemas
  // only document the API.
  server.setValidatorCompiler(() => (data) => ({ value: data }));
  server.setErrorHandler((err, req, reply) => {
    const { status, body } = errorBody(err);
    if (status >= 500) req.log.error(err);
    void reply.status(status).send(body);
  });

  await server.register(cookie);
  await server.register(swagger, {
    openapi: {
      info: {
        title: '金扶 Jinfu API',
        version: '1',
        description: '武隆区金融精准扶贫 (武隆府办发〔2017〕53号)',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });

  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.secureCookies ?? false,
  };

  const requireActor = async (req: FastifyRequest): Promise<Actor> => {
    req.actor = await authenticate(app, req.cookies[SESSION_COOKIE]);
    return req.actor;
  };

  await server.register(
    async (api) => {
      api.get('/health', { schema: { tags: ['system'], security: [] } }, async () => ({
        ok: true,
      }));

      api.post(
        '/auth/login',
        { schema: { tags: ['auth'], summary: '登录 Log in', security: [] } },
        async (req, reply) => {
          const { token, user, expiresAt } = await login(app, req.body, {
            ip: req.ip,
            userAgent: req.headers['user-agent'] ?? null,
          });
          void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
          return { user };
        },
      );
      api.post(
        '/auth/logout',
        { schema: { tags: ['auth'], summary: '退出 Log out' } },
        async (req, reply) => {
          const token = req.cookies[SESSION_COOKIE];
          if (token) await logout(app, token);
          void reply.clearCookie(SESSION_COOKIE, cookieOptions).status(204);
        },
      );
      api.get(
        '/auth/me',
        { schema: { tags: ['auth'], summary: '当前用户 Current user' } },
        async (req) => {
          const actor = await requireActor(req);
          return { user: await sessionUser(app, actor.userId!) };
        },
      );

      for (const route of ROUTES) {
        const docSchema = z.toJSONSchema(route.useCase.input, {
          io: 'input',
          unrepresentable: 'any',
        });
        api.route({
          method: route.method,
          url: route.url,
          schema: {
            tags: [route.tag],
            summary: route.summary,
            ...(route.method === 'GET' ? { querystring: docSchema } : { body: docSchema }),
          },
          handler: async (req: FastifyRequest, reply: FastifyReply) => {
            const actor = await requireActor(req);
            const input = {
              ...((route.method === 'GET' ? req.query : req.body) as object | undefined),
              ...(req.params as object),
            };
            const result = await execute(app, actor, route.useCase, input);
            void reply.status(route.status ?? 200);
            return result;
          },
        });
      }
      await registerFileRoutes(api, app, requireActor);
    },
    { prefix: '/api/v1' },
  );

  const webDir = options.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await server.register(fastifyStatic, { root: webDir, wildcard: false });
    // Client-side routes: any non-API GET that is not a file gets the app shell.
    server.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply
        .status(404)
        .send({ code: 'not_found', message_zh: '接口不存在', message_en: 'No such endpoint' });
    });
  } else {
    server.setNotFoundHandler((_req, reply) =>
      reply
        .status(404)
        .send({ code: 'not_found', message_zh: '接口不存在', message_en: 'No such endpoint' }),
    );
  }
  return server;
}
