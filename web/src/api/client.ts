// A small typed fetch client for /api. The session is the httpOnly cookie the
// login sets, so the page never holds the token. Every request says which
// language the user chose, so error messages come back in it.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The whole error body, for errors that carry more (e.g. `survivorId` of a merged person). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let acceptLanguage = 'zh-CN';
let networkMessage = '网络连接失败，请检查网络后重试';
let onUnauthorized: (() => void) | null = null;

/** Called by the i18n provider whenever the UI language changes. */
export function setClientLanguage(languageTag: string, networkErrorText: string): void {
  acceptLanguage = languageTag;
  networkMessage = networkErrorText;
}

/** Called by the auth provider: what to do when the session is gone. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

let screenAuth: { token: string; onRejected(error: ApiError): void } | null = null;

/**
 * A pinned wall screen (/screen on a screen token): every request but those of /auth carries the
 * token instead of relying on the session cookie, and a refused token is reported to `onRejected`
 * instead of sending the page to the login.
 */
export function setScreenAuth(auth: typeof screenAuth): void {
  screenAuth = auth;
}

/** The screen token requests are made with, if any (the change stream passes it in its URL). */
export function screenTokenInUse(): string | null {
  return screenAuth?.token ?? null;
}

export function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? '?' + s : '';
}

/** A request body sent as it is (e.g. the text of a CSV file, or an XLSX file's bytes), not as JSON. */
export class RawBody {
  constructor(readonly data: string | Blob, readonly contentType: string) {}
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Login and the initial session check handle 401 themselves. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': acceptLanguage, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = options.body instanceof RawBody ? options.body.contentType : 'application/json';
  const screen = path.startsWith('/auth/') ? null : screenAuth;
  if (screen) headers.Authorization = 'Bearer ' + screen.token;
  let res: Response;
  try {
    res = await fetch('/api' + path + queryString(options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : options.body instanceof RawBody ? options.body.data : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', networkMessage);
  }
  if (res.ok) return res;
  let body: { code?: string; message?: string; field?: string; [k: string]: unknown } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy error page, say)
  }
  const error = new ApiError(res.status, body.code ?? 'http_' + res.status, body.message ?? `HTTP ${res.status}`, body.field, body);
  if (screen) {
    if (res.status === 401) screen.onRejected(error);
  } else if (res.status === 401 && options.redirectOn401 !== false) onUnauthorized?.();
  throw error;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) => json<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body: unknown = {}, options?: Omit<RequestOptions, 'body'>) => json<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => json<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => json<T>('PUT', path, { ...options, body }),
  /** A POST that also says whether the record was made now (201) or was already there (200: a retry, a repeat). */
  async postFor<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<{ created: boolean; data: T }> {
    const res = await send('POST', path, { ...options, body });
    return { created: res.status === 201, data: (await res.json()) as T };
  },
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) => json<T>('DELETE', path, options),
  /** Downloads a file (e.g. an export) and hands it to the browser under the server's file name. */
  async download(path: string, query: Query, fallbackName: string): Promise<void> {
    const res = await send('GET', path, { query });
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** A v4 UUID; crypto.randomUUID exists only on https or localhost, desks often run on plain http. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
