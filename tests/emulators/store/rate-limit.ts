/** Per-token create-order limiter: sliding 60 s window plus a concurrency cap. */
import type { RateLimitConfig } from './types.js';

const WINDOW_MS = 60_000;

export type Acquired =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; reason: 'window' | 'concurrency'; headers: Record<string, string> };

export class CreateRateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  peakInFlight = 0;

  constructor(
    private readonly config: RateLimitConfig | false,
    private readonly clock: () => number,
  ) {}

  acquire(token: string): Acquired {
    const now = this.clock();
    const stamps = (this.windows.get(token) ?? []).filter((t) => t > now - WINDOW_MS);
    this.windows.set(token, stamps);
    const running = this.inFlight.get(token) ?? 0;
    const config = this.config;

    if (config !== false) {
      const limit = String(config.createPerMinute);
      const oldest = stamps[0];
      if (stamps.length >= config.createPerMinute && oldest !== undefined) {
        const resetMs = oldest + WINDOW_MS;
        return {
          ok: false,
          reason: 'window',
          headers: {
            'retry-after': String(Math.max(1, Math.ceil((resetMs - now) / 1000))),
            'x-ratelimit-limit': limit,
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(resetMs / 1000)),
          },
        };
      }
      if (running >= config.maxConcurrent) {
        return {
          ok: false,
          reason: 'concurrency',
          headers: {
            'retry-after': '1',
            'x-ratelimit-limit': limit,
            'x-ratelimit-remaining': String(Math.max(0, config.createPerMinute - stamps.length)),
            'x-ratelimit-reset': String(Math.ceil(now / 1000) + 1),
          },
        };
      }
    }

    stamps.push(now);
    this.inFlight.set(token, running + 1);
    this.peakInFlight = Math.max(this.peakInFlight, running + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.inFlight.set(token, (this.inFlight.get(token) ?? 1) - 1);
    };
    const headers: Record<string, string> =
      config === false
        ? {}
        : {
            'x-ratelimit-limit': String(config.createPerMinute),
            'x-ratelimit-remaining': String(Math.max(0, config.createPerMinute - stamps.length)),
          };
    return { ok: true, headers, release };
  }
}
