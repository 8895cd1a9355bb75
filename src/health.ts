import { createServer, type Server } from 'node:http';

export interface HealthChecks {
  /** Gateway connected, store reachable, token valid. */
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}

/** `/healthz`: the process is up. `/readyz`: it can take orders. Bound to 127.0.0.1 by default. */
export async function startHealthServer(port: number, host: string, checks: HealthChecks): Promise<Server> {
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/healthz') {
      send(200, { ok: true });
      return;
    }
    if (request.url === '/readyz') {
      checks.ready().then(
        (result) => {
          send(result.ok ? 200 : 503, result);
        },
        () => {
          send(503, { ok: false });
        },
      );
      return;
    }
    send(404, { ok: false, error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve();
    });
  });
  return server;
}
