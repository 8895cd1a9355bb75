import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Interaction tokens travel in Discord URLs (`/interactions/:id/:token/callback`,
 * `/webhooks/:app/:token/...`) and discord.js puts those URLs into its error messages.
 */
const URL_TOKEN_PATTERNS: readonly RegExp[] = [
  /(interactions\/\d+\/)[^/\s"'?]+/g,
  /(webhooks\/\d+\/)[^/\s"'?]+/g,
];

const REDACTED = '[redacted]';

/** A string as it appears inside a JSON string: what pino writes for a log field holding it. */
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);

/**
 * The ways a secret can appear in a log line: as it is, JSON-escaped once (a field holding it),
 * and twice (a field holding serialized JSON that holds it). Only a secret with characters JSON
 * escapes (`"`, `\\`, control characters, a lone surrogate) has more than one.
 */
function formsOf(secret: string): string[] {
  const once = jsonEscaped(secret);
  if (once === secret) return [secret];
  return [...new Set([jsonEscaped(once), once, secret])];
}

/** Removes every known secret (in any of its JSON-escaped forms) and every interaction token from one line of text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 6) continue;
    for (const form of formsOf(secret)) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  for (const pattern of URL_TOKEN_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
  // Any bearer credential, whatever it is.
  out = out.replace(/(Bearer\s+|Bot\s+)[A-Za-z0-9._\-~+/]{8,}=*/g, `$1${REDACTED}`);
  // Any LeuwongRR User API token (a member's, listed or not): only its well-known prefix stays.
  return out.replace(/(lrr[sp]_v1_)[A-Za-z0-9._\-~+/=]{4,}/g, `$1${REDACTED}`);
}

/**
 * A destination that scrubs every line before it leaves the process: the last line of defence,
 * whatever a log call (or a library error) carries.
 */
class ScrubbingStream extends Writable {
  constructor(
    private readonly target: NodeJS.WritableStream,
    private readonly secrets: () => readonly string[],
  ) {
    super({ decodeStrings: false });
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = typeof chunk === 'string' ? chunk : String(chunk);
    this.target.write(scrub(text, this.secrets()), () => {
      callback();
    });
  }

  /** Calls back once every line written so far has reached the target (pino's `logger.flush`). */
  flush(callback: () => void): void {
    this.write('', () => {
      callback();
    });
  }
}

export interface LoggerOptions {
  level: string;
  /** Strings that must never be written (the Discord and LeuwongRR tokens, and any added later). */
  secrets: string[];
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets;
  const stream = new ScrubbingStream(options.destination ?? process.stdout, () => secrets);
  return pino(
    {
      level: options.level,
      base: { service: 'leuwongrr-order-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'headers["x-user-api-token"]',
        ],
        censor: REDACTED,
      },
      serializers: { err: pino.stdSerializers.err },
    },
    stream,
  );
}

/** Registers one more secret (for example a member's personal token) with a logger's scrubber. */
export function addSecret(secrets: string[], secret: string): void {
  if (!secrets.includes(secret)) secrets.push(secret);
}

/**
 * Takes a member's token off a logger's list once it is no longer used (unlinked, refused by the
 * store), unless it is one of `kept` (the operator's own secrets, whatever a member pasted).
 */
export function removeSecret(secrets: string[], secret: string, kept: readonly string[]): void {
  if (kept.includes(secret)) return;
  const index = secrets.indexOf(secret);
  if (index !== -1) secrets.splice(index, 1);
}

/** Exits once every line logged so far is written (or after 2 s, should the output never drain). */
export function exitAfterLogging(logger: Logger, code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
  logger.flush(() => {
    process.exit(code);
  });
}
