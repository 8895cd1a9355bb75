import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import { WebSocketServer, type WebSocket } from 'ws';
import { sessionId as newSessionId } from './snowflake.js';
import type { SessionView } from './types.js';

/** Gateway opcodes and close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const CloseCode = {
  UnknownError: 4000,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
} as const;

interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

interface DispatchEvent {
  op: 0;
  s: number;
  t: string;
  d: unknown;
}

class Connection {
  session: Session | null = null;
  private deflate: zlib.Deflate | null = null;
  private chunks: Buffer[] = [];
  payloadCompression = false;

  constructor(
    readonly ws: WebSocket,
    readonly url: string,
  ) {
    const query = new URLSearchParams(url.split('?')[1] ?? '');
    if (query.get('compress') === 'zlib-stream') {
      this.deflate = zlib.createDeflate();
      this.deflate.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    }
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(payload: GatewayPayload): void {
    if (!this.open) return;
    const json = JSON.stringify(payload);
    if (this.deflate) {
      const deflate = this.deflate;
      deflate.write(json);
      deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        const data = Buffer.concat(this.chunks);
        this.chunks = [];
        if (this.open) this.ws.send(data);
      });
    } else if (this.payloadCompression) {
      this.ws.send(zlib.deflateSync(json));
    } else {
      this.ws.send(json);
    }
  }

  close(code: number, reason = ''): void {
    if (this.open) this.ws.close(code, reason);
    this.deflate?.end();
  }
}

export class Session implements SessionView {
  readonly sessionId = newSessionId();
  connection: Connection | null = null;
  ready = false;
  resumable = true;
  seq = 0;
  resumes = 0;
  readonly history: DispatchEvent[] = [];
  readonly connectionUrls: string[] = [];

  constructor(readonly identify: Record<string, unknown>) {}

  get connected(): boolean {
    return this.connection?.open ?? false;
  }

  /** Drops the given interactions' INTERACTION_CREATE from the RESUME replay. */
  forgetInteractions(ids: ReadonlySet<string>): void {
    let kept = 0;
    for (const event of this.history) {
      const id = event.t === 'INTERACTION_CREATE' ? (event.d as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && ids.has(id)) continue;
      this.history[kept++] = event;
    }
    this.history.length = kept;
  }

  /** Sequence the event, keep it for RESUME replay, and send it if connected. */
  dispatch(t: string, d: unknown): void {
    const event: DispatchEvent = { op: 0, s: ++this.seq, t, d };
    this.history.push(event);
    if (this.connection?.session === this) this.connection.send(event);
  }
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  resumeUrl: () => string;
  readyPayload: (session: Session) => Record<string, unknown>;
  guildCreates: () => Record<string, unknown>[];
  onChange: () => void;
}

export class Gateway {
  readonly sessions: Session[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();

  constructor(private readonly opts: GatewayOptions) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.onConnection(ws, req.url ?? '/gateway');
    });
  }

  private onConnection(ws: WebSocket, url: string): void {
    const conn = new Connection(ws, url);
    this.connections.add(conn);
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      this.onMessage(conn, raw, isBinary);
    });
    ws.on('close', (code: number) => {
      this.onClose(conn, code);
    });
    ws.on('error', () => undefined);
    conn.send({
      op: Op.Hello,
      d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['emulator'] },
    });
  }

  private onMessage(conn: Connection, raw: Buffer, isBinary: boolean): void {
    let payload: GatewayPayload;
    try {
      const text = isBinary ? raw.toString('utf8') : raw.toString();
      const parsed = JSON.parse(text) as Partial<GatewayPayload> | null;
      if (typeof parsed?.op !== 'number') throw new Error('not a gateway payload');
      payload = parsed as GatewayPayload;
    } catch {
      conn.close(CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case Op.Heartbeat:
        conn.send({ op: Op.HeartbeatAck, d: null });
        return;
      case Op.Identify:
        this.onIdentify(conn, payload.d as Record<string, unknown>);
        return;
      case Op.Resume:
        this.onResume(conn, payload.d as Record<string, unknown>);
        return;
      default:
        // Presence updates (3), voice state (4), request guild members (8), ...: accepted and ignored.
        if (!conn.session) conn.close(CloseCode.NotAuthenticated, 'Not authenticated.');
    }
  }

  private onIdentify(conn: Connection, d: Record<string, unknown> | null): void {
    if (conn.session) {
      conn.close(CloseCode.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (d?.token !== this.opts.token) {
      conn.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const { token: _token, ...identify } = d;
    if (identify.compress === true) conn.payloadCompression = true;
    const session = new Session(identify);
    session.connectionUrls.push(conn.url);
    this.sessions.push(session);
    conn.session = session;
    session.connection = conn;
    session.dispatch('READY', this.opts.readyPayload(session));
    for (const guild of this.opts.guildCreates()) session.dispatch('GUILD_CREATE', guild);
    session.ready = true;
    this.opts.onChange();
  }

  private onResume(conn: Connection, d: Record<string, unknown> | null): void {
    if (d?.token !== this.opts.token) {
      conn.close(CloseCode.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = this.sessions.find((s) => s.sessionId === d.session_id);
    if (!session?.resumable) {
      conn.send({ op: Op.InvalidSession, d: false });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== conn) {
      previous.session = null;
      previous.close(CloseCode.UnknownError, 'Session resumed elsewhere.');
    }
    conn.session = session;
    session.connection = conn;
    session.connectionUrls.push(conn.url);
    session.resumes++;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    for (const event of session.history) if (event.s > seq) conn.send(event);
    session.dispatch('RESUMED', { _trace: ['emulator'] });
    this.opts.onChange();
  }

  private onClose(conn: Connection, code: number): void {
    this.connections.delete(conn);
    const session = conn.session;
    if (session?.connection === conn) {
      session.connection = null;
      // Discord invalidates the session when the client closes normally.
      if (code === 1000 || code === 1001) session.resumable = false;
      this.opts.onChange();
    }
  }

  /** Sessions that will (eventually) receive dispatched events. */
  liveSessions(): Session[] {
    return this.sessions.filter((s) => s.resumable);
  }

  dispatch(t: string, d: unknown, to: 'all' | 'first' = 'all'): number {
    const targets = this.liveSessions();
    const chosen = to === 'first' ? targets.slice(0, 1) : targets;
    for (const session of chosen) session.dispatch(t, d);
    return chosen.length;
  }

  /** Op 7: the client should close and RESUME at `resume_gateway_url`. Force-closes after `graceMs`. */
  requestReconnect(graceMs = 1000): void {
    for (const session of this.liveSessions()) {
      const conn = session.connection;
      if (!conn) continue;
      conn.send({ op: Op.Reconnect, d: null });
      setTimeout(() => {
        if (session.connection === conn) conn.close(CloseCode.UnknownError, 'Reconnect requested.');
      }, graceMs).unref();
    }
  }

  /** Op 9 with `d: false`: the sessions become non-resumable and the client must IDENTIFY again. */
  invalidateSessions(): void {
    for (const session of this.liveSessions()) {
      session.resumable = false;
      session.connection?.send({ op: Op.InvalidSession, d: false });
    }
  }

  close(): void {
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    this.wss.close();
  }
}
