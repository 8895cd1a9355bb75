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

  claimAll(entries: readonly RawEntry[]): Promise<boolean> {
    if (entries.some((entry) => this.live(entry.key) !== undefined)) return Promise.resolve(false);
    const now = this.now();
    for (const entry of entries)
      this.entries.set(entry.key, { value: entry.value, expires: now + entry.ttlMs });
    return Promise.resolve(true);
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

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}
