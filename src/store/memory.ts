import { ClaimableAdapter, type RawEntry } from './adapter.js';

interface Entry {
  value: string;
  expires: number | undefined;
}

/** In-process storage for tests and for a throw-away run (`STORE_URL=memory:`). */
export class MemoryAdapter extends ClaimableAdapter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expires !== undefined && entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key)?.value);
  }

  set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.entries.set(key, { value, expires: ttl === undefined ? undefined : this.now() + ttl });
    return Promise.resolve(true);
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(key));
  }

  clear(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  claimAll(claims: readonly RawEntry[], companions: readonly RawEntry[] = []): Promise<number> {
    const held = claims.findIndex((claim) => this.live(claim.key) !== undefined);
    if (held === -1) {
      const now = this.now();
      this.write(claims, [], now);
      this.write(companions, [], now);
    }
    return Promise.resolve(held);
  }

  batch(sets: readonly RawEntry[], deletes: readonly string[]): Promise<void> {
    this.write(sets, deletes, this.now());
    return Promise.resolve();
  }

  private write(sets: readonly RawEntry[], deletes: readonly string[], now: number): void {
    for (const s of sets) this.entries.set(s.key, { value: s.value, expires: now + s.ttlMs });
    for (const key of deletes) this.entries.delete(key);
  }

  async *scan(prefix: string): AsyncIterable<[string, string]> {
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const entry = this.live(key);
      if (entry) yield await Promise.resolve([key, entry.value] as [string, string]);
    }
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  size(): Promise<number> {
    return Promise.resolve(this.entries.size);
  }

  /** Drops expired entries (the SQLite and Redis backends do the same on their own). */
  purge(): void {
    for (const key of [...this.entries.keys()]) this.live(key);
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}
