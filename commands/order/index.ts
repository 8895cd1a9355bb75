import { getChoice, onButton, onModal, type Command } from '../../src/command.js';
import { checkPayment } from './check.js';
import { data } from './data.js';
import { editOrder } from './edit.js';
import { checkPaymentId, editOrderId, orderFormId, retryOrderId } from './ids.js';
import { openOrderForm } from './open.js';
import { retryOrder } from './retry.js';
import { submitOrder } from './submit.js';

/** The form and buttons of an order, shared by `/order` and `/order-balance` (the payment is in the custom_id). */
export const orderComponents = [
  onModal(orderFormId, submitOrder),
  onButton(editOrderId, editOrder),
  onButton(retryOrderId, retryOrder),
  onButton(checkPaymentId, checkPayment),
];

/** `/order`: a gamepass or VIP-server order, paid by invoice. */
export const order: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await openOrderForm(interaction, ctx, 'invoice', getChoice(interaction, data, 'type'));
  },
  components: orderComponents,
};
