// Typed fetch wrapper for /api/v1. Same origin; the server keeps the session in a cookie.
import { en } from '../i18n/en.ts';
import { zh } from '../i18n/zh.ts';
import type { ApiErrorBody } from './types.ts';

export const API_BASE = '/api/v1';

/** Every failure of an API call, with the server's bilingual message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly field: string | undefined;
  /** From the Retry-After header of a 429, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  /** The parsed JSON body of the response, for endpoints that answer a refusal with data. */
  readonly body: unknown;

  constructor(init: {
    status: number;
    code: string;
    messageZh: string;
    messageEn: string;
    field?: string | undefined;
    retryAfterSeconds?: number | undefined;
    body?: unknown;
  }) {
    super(init.messageEn);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageZh = init.messageZh;
    this.messageEn = init.messageEn;
    this.field = init.field;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: 'network_error',
    messageZh: zh.errors.network,
    messageEn: en.errors.network,
  });
}

/** Wrap anything thrown into an ApiError so the UI can always show both languages. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({
    status: 0,
    code: 'client_error',
    messageZh: zh.errors.client,
    messageEn: en.errors.client,
  });
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      params.append(k, String(v));
    }
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function fallbackMessages(status: number): { zh: string; en: string; code: string } {
  type Key =
    | 'badRequest'
    | 'unauthorized'
    | 'forbidden'
    | 'notFound'
    | 'conflict'
    | 'tooLarge'
    | 'throttled'
    | 'server'
    | 'badResponse';
  const pick = (k: Key, code: string) => ({ zh: zh.errors[k], en: en.errors[k], code });
  if (status === 400 || status === 422) return pick('badRequest', 'bad_request');
  if (status === 401) return pick('unauthorized', 'unauthorized');
  if (status === 403) return pick('forbidden', 'forbidden');
  if (status === 404) return pick('notFound', 'not_found');
  if (status === 409) return pick('conflict', 'conflict');
  if (status === 413) return pick('tooLarge', 'payload_too_large');
  if (status === 429) return pick('throttled', 'rate_limited');
  if (status >= 500) return pick('server', 'server_error');
  return pick('badResponse', 'bad_response');
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.message_zh === 'string' && typeof o.message_en === 'string';
}

function parseRetryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const n = Number(h);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(h);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const retryAfterSeconds = parseRetryAfter(res.headers.get('Retry-After'));
  if (isErrorBody(body)) {
    return new ApiError({
      status: res.status,
      code: typeof body.code === 'string' ? body.code : String(res.status),
      messageZh: body.message_zh,
      messageEn: body.message_en,
      field: typeof body.field === 'string' ? body.field : undefined,
      retryAfterSeconds,
      body,
    });
  }
  const fb = fallbackMessages(res.status);
  return new ApiError({
    status: res.status,
    code: fb.code,
    messageZh: fb.zh,
    messageEn: fb.en,
    retryAfterSeconds,
    body,
  });
}

/** A file sent as the request body itself (not JSON, not multipart). */
export interface RawBody {
  data: Blob;
  contentType: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, in place of `body`. */
  raw?: RawBody;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/** Listeners told about every 401 (the app sends the user to the login page). */
const unauthorizedListeners = new Set<(path: string) => void>();

export function onUnauthorized(listener: (path: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json' };
  let body: string | Blob | undefined;
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.contentType;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (res.status === 401) for (const l of unauthorizedListeners) l(path);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: res.status,
      code: 'bad_response',
      messageZh: zh.errors.badResponse,
      messageEn: en.errors.badResponse,
    });
  }
}
