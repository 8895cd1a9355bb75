import type { OrderRecord } from './records.js';

/**
 * What the staff log and the order history hear about: an order created, its invoice paid,
 * refused by the store, given up on by recovery, or another payment status read from the store
 * (`status`: expired, cancelled…).
 */
export interface OrderEvent {
  kind: 'created' | 'paid' | 'refused' | 'unknown' | 'status';
  record: OrderRecord;
}

export type OrderListener = (event: OrderEvent) => Promise<void>;

/**
 * What happens to orders, for whoever listens. Listeners run apart from the order flow: the flow
 * never waits for them, and their failures (theirs to log) never reach it.
 */
export class OrderEvents {
  private readonly listeners: OrderListener[] = [];

  on(listener: OrderListener): void {
    this.listeners.push(listener);
  }

  emit(event: OrderEvent): void {
    for (const listener of this.listeners) {
      listener(event).catch(() => undefined);
    }
  }
}
