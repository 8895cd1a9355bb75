import type { NewOrder } from '../../src/orders/service.js';

/** A valid gamepass order from a submitted form, as the submit handler builds it. */
export function newOrder(invocationId: string, userId: string, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    invocationId,
    attempt: 1,
    payment: 'invoice',
    body: {
      order_type: 'gamepass',
      roblox_username: 'LeuwongUser',
      place_id: 123,
      roblox_pass_id: 456,
      payment_method: 'invoice',
      client_reference: `dc-${invocationId}-1`,
    },
    userId,
    locale: 'en-US',
    reply: { applicationId: '1', token: 'interaction-token' },
    openedAt: Date.now(),
    ...overrides,
  };
}
