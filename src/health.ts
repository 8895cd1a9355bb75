import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface Readiness {
  ok: boolean;
  checks: Record<string, boolean>;
}

/**
 * `/healthz`: the process is up. `/readyz`: it can take orders. `/metrics`: the registry in
 * Prometheus text format. Bound to 127.0.0.1 by default.
 */
export async function startHealthServer(
  address: { port: number; host: string },
  ready: () => Promise<Readiness>,
  registry: Registry,
): Promise<Server> {
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/healthz') {
      send(200, { ok: true });
    } else if (request.url === '/readyz') {
      ready().then(
        (result) => {
          send(result.ok ? 200 : 503, result);
        },
        () => {
          send(503, { ok: false });
        },
      );
    } else if (request.url === '/metrics') {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
          response.end(text);
        },
        () => {
          send(500, { ok: false, error: 'metrics unavailable' });
        },
      );
    } else {
      send(404, { ok: false, error: 'not found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      resolve();
    });
  });
  return server;
}
