import type { Clock } from '../clock.js';
import type { Kv } from '../store/kv.js';
import { secondsUntil } from './time.js';

/**
 * The time a user waits between two actions of one kind, shared by instances: between two
 * different orders (ORDER_COOLDOWN_SECONDS), or between two asks of one kind to the store.
 */
export class Cooldown {
  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    private readonly seconds: number,
    private readonly name = 'cooldown',
  ) {}

  private key(userId: string): string {
    return `${this.name}:${userId}`;
  }

  /** Starts the user's cooldown; returns the seconds left instead when one is running. */
  async start(userId: string): Promise<number | undefined> {
    if (this.seconds === 0) return undefined;
    const until = this.clock.now() + this.seconds * 1000;
    if (await this.kv.claim(this.key(userId), until, this.seconds * 1000)) return undefined;
    const held = (await this.kv.get<number>(this.key(userId))) ?? until;
    return secondsUntil(held, this.clock.now());
  }

  /** Gives the cooldown back (the order it started sent nothing). */
  async end(userId: string): Promise<void> {
    if (this.seconds > 0) await this.kv.delete(this.key(userId));
  }
}
