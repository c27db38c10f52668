// A small JSON router: CORS on every answer (the extension calls us from VS Code for the Web's
// worker, another origin), bearer-token authentication, bodies capped, errors as JSON { error, code }.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Member } from '../directory/directory';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestContext {
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** The member whose token is in the Authorization header; throws 401 without a valid one. */
  caller(): Member;
  body(): Promise<Record<string, unknown>>;
}

export interface Reply {
  readonly status?: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path such as `/api/rounds/:id/share`. */
  readonly path: string;
  readonly handle: (context: RequestContext) => Reply | Promise<Reply>;
}

const MAX_BODY_BYTES = 64 * 1024;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
};

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(
    routes: readonly Route[],
    private readonly authenticate: (token: string) => Member | undefined,
    private readonly onError: (error: unknown, method: string, path: string) => void,
  ) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  /** Returns false when no route matches the path, so the caller can answer 404. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    try {
      const matching = this.routes
        .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
        .filter((m) => m.match !== null);
      if (matching.length === 0) throw new HttpError(404, 'not-found', 'no such route');
      if (method === 'OPTIONS') return send(res, { status: 204 });
      const found = matching.find(
        (m) => m.route.method === method || (method === 'HEAD' && m.route.method === 'GET'),
      );
      if (found === undefined)
        throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here`);
      const { route, match } = found;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(match![i + 1]!);
        } catch {
          throw new HttpError(400, 'invalid', 'malformed percent-encoding in the path');
        }
      });
      const caller = () => this.requireMember(req);
      const reply = await route.handle({ url, params, caller, body: () => readJson(req) });
      send(res, reply);
    } catch (error) {
      if (error instanceof HttpError) {
        send(res, { status: error.status, json: { error: error.message, code: error.code } });
        return;
      }
      this.onError(error, method, url.pathname);
      send(res, { status: 500, json: { error: 'internal server error', code: 'internal' } });
    }
  }

  private requireMember(req: IncomingMessage): Member {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (token === undefined)
      throw new HttpError(401, 'unauthorized', 'send your token as "Authorization: Bearer <token>"');
    const member = this.authenticate(token);
    if (member === undefined) throw new HttpError(401, 'unauthorized', 'unknown or revoked token');
    return member;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = { ...CORS_HEADERS, 'Cache-Control': 'no-store' };
  let body = '';
  if (reply.text !== undefined) {
    body = reply.text;
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, 'too-large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad-json', 'the request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'bad-json', 'the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Reads a required string field of a request body. */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new HttpError(400, 'invalid', `"${name}" must be a non-empty string`);
  return value;
}

/** Reads an optional list of strings (member ids) of a request body. */
export function stringList(body: Record<string, unknown>, name: string): string[] {
  const value = body[name] ?? [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string') || value.length > 200) {
    throw new HttpError(400, 'invalid', `"${name}" must be a list of member ids`);
  }
  return [...new Set(value as string[])];
}
