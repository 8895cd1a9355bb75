import { commands } from '../commands/index.js';
import { orderFormId } from '../commands/order/ids.js';
import { buildOrderModal } from '../commands/order/modal.js';
import { english as en } from '../src/messages/en.js';
import { renderInvoice } from '../src/messages/invoice.js';
import type { FloorFixture } from './floor.js';

/**
 * What the floor answers with, built by the bot's own code: the same command definitions,
 * the same `/order` modal (English, order type asked in the modal, as for `/order` without
 * options) and one fixed invoice edit of the same shape as the bot's.
 */
export function buildFloorFixture(): FloorFixture {
  const customId = orderFormId.encode({
    invocation: '1000000000000000000',
    attempt: 1,
    payment: 'invoice',
    type: 'ask',
  });
  return {
    commands: commands.map((command) => command.data),
    modal: buildOrderModal({
      messages: en,
      customId,
      payment: 'invoice',
      orderType: undefined,
      draft: undefined,
    }),
    edit: renderInvoice(
      {
        code: 'SBX-INV202601010001',
        url: 'http://127.0.0.1/user/invoice/SBX-INV202601010001',
        formattedAmount: 'Rp 1.234.000',
        amount: '1234000',
        currency: 'IDR',
        paymentStatus: 'pending',
        paymentMethod: 'invoice',
        environment: 'sandbox',
        idempotent: false,
        orderType: 'gamepass',
        robloxUsername: 'LeuwongUser',
        payment: 'invoice',
      },
      en,
      true,
    ),
  };
}
