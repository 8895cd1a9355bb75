import { defineCustomId, enumField, smallIntField, snowflakeField } from '../../src/custom-id.js';
import type { OrderType, PaymentMethod } from '../../src/leuwong/schema.js';

/**
 * What the form and its Edit button carry: `invocation` is the `/order` interaction, the root of
 * the Idempotency-Key; `user` is who opened it, the only user who may submit or edit it.
 */
const formFields = {
  invocation: snowflakeField,
  user: snowflakeField,
  attempt: smallIntField,
  payment: enumField<PaymentMethod>({ invoice: 'i', balance: 'b' }),
  type: enumField<OrderType | 'ask'>({ gamepass: 'g', vip_server: 'v', ask: 'a' }),
};

/** The order form (the modal). */
export const orderFormId = defineCustomId('order', 2, formFields);
/** "Edit and resubmit": reopens the form with what the user sent last. */
export const editOrderId = defineCustomId('order-fix', 2, formFields);
/** "Retry": the same key and the same body, when the outcome is unknown; only for `user`. */
export const retryOrderId = defineCustomId('order-retry', 2, {
  invocation: snowflakeField,
  attempt: smallIntField,
  user: snowflakeField,
});

/** "Check payment" on an invoice: the order's attempt, only for `user`. */
export const checkPaymentId = defineCustomId('pay-check', 1, {
  invocation: snowflakeField,
  user: snowflakeField,
  attempt: smallIntField,
});

export type OrderForm = NonNullable<ReturnType<typeof orderFormId.decode>>;
