import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, Errors } from './errors.js';
import type { RecordedRequest } from './types.js';

export interface ParsedBody {
  json: unknown;
  files: string[];
}

export interface RouteContext {
  method: string;
  params: string[];
  query: URLSearchParams;
  body: ParsedBody;
}

export interface RouteReply {
  status: number;
  json?: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  /** Whether `Authorization: Bot <token>` is required (interaction callbacks and webhook-token routes are not). */
  auth: boolean;
  handle: (ctx: RouteContext) => RouteReply;
}

async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { json: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const request = new Request('http://emulator.local/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- fine for small, trusted test-suite bodies
    const form = await request.formData();
    const files: string[] = [];
    let json: unknown;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        if (key === 'payload_json') json = JSON.parse(value) as unknown;
      } else {
        files.push(value.name);
      }
    }
    return { json, files };
  }
  return { json: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

function rateLimitHeaders(res: ServerResponse, route: string): void {
  res.setHeader('x-ratelimit-limit', '50');
  res.setHeader('x-ratelimit-remaining', '49');
  res.setHeader('x-ratelimit-reset', ((Date.now() + 1000) / 1000).toFixed(3));
  res.setHeader('x-ratelimit-reset-after', '1.000');
  res.setHeader('x-ratelimit-bucket', Buffer.from(route).toString('hex').slice(0, 32));
}

function send(res: ServerResponse, status: number, json?: unknown): void {
  if (json === undefined || status === 204) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(json);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

/** Builds the request listener: parses, authenticates, routes and records every request. */
export function createHandler(opts: {
  token: string;
  routes: Route[];
  record: (request: RecordedRequest) => void;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      authorized: req.headers.authorization !== undefined,
      at: performance.now(),
      status: 0,
    };
    let status = 500;
    let json: unknown;
    try {
      let body: ParsedBody;
      try {
        body = await readBody(req);
      } catch {
        throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
      }
      entry.body = body.json;
      if (body.files.length > 0) entry.files = body.files;
      const match = /^\/api\/v\d+(\/.*)$/.exec(url.pathname);
      const path = (match?.[1] ?? '')
        .split('/')
        .map((segment) => decodeURIComponent(segment))
        .join('/');
      const candidates = opts.routes.filter((r) => r.pattern.test(path));
      const route = candidates.find((r) => r.method === method);
      rateLimitHeaders(res, route ? `${route.method} ${route.pattern.source}` : path);
      if (!route)
        throw candidates.length > 0 ? new ApiError(405, 0, '405: Method Not Allowed') : Errors.notFound();
      if (route.auth && req.headers.authorization !== `Bot ${opts.token}`) throw Errors.unauthorized();
      const params = (route.pattern.exec(path) ?? []).slice(1);
      const reply = route.handle({ method, params, query: url.searchParams, body });
      status = reply.status;
      json = reply.json;
    } catch (error) {
      if (error instanceof ApiError) {
        status = error.status;
        json = error.toJSON();
        entry.errorCode = error.code;
      } else {
        status = 500;
        json = { message: `500: Internal Server Error (${String(error)})`, code: 0 };
      }
    }
    entry.status = status;
    opts.record(entry);
    send(res, status, json);
  };
  return (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: '500: Internal Server Error', code: 0 });
    });
  };
}
