import { isJSONEncodable } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { apiModal, apiReply } from '../../src/discord/payload.js';
import { en } from '../../src/messages/en.js';
import { buildOrderModal, renderInvoice, textReply } from '../../src/messages/render.js';

const invoice = renderInvoice(
  {
    code: 'INV-1',
    url: 'https://leuwongrr.online/user/invoice/INV-1',
    formattedAmount: 'Rp 10.000',
    amount: '10000',
    currency: 'IDR',
    paymentStatus: 'pending',
    paymentMethod: 'invoice',
    environment: 'production',
    idempotent: false,
    orderType: 'gamepass',
    robloxUsername: 'LeuwongUser',
    payment: 'invoice',
  },
  en,
  true,
);

describe('payloads handed to discord.js', () => {
  it('send every embed and component as built, which discord.js recognises as JSONEncodable', () => {
    const sent = apiReply(invoice);
    expect(sent.embeds?.length).toBe(1);
    expect(sent.components?.length).toBe(1);
    for (const part of [...(sent.embeds ?? []), ...(sent.components ?? [])])
      expect(isJSONEncodable(part)).toBe(true);
    expect(sent.embeds?.map((e) => e.toJSON())).toEqual(invoice.embeds);
    expect(sent.components?.map((c) => c.toJSON())).toEqual(invoice.components);
  });

  it('keep the content, empty lists (which clear an earlier reply) and leave out what is absent', () => {
    expect(apiReply(textReply('hello'))).toEqual({ content: 'hello', embeds: [], components: [] });
    expect(Object.keys(apiReply({ content: 'only text' }))).toEqual(['content']);
  });

  it('send the modal as built', () => {
    const modal = buildOrderModal({
      m: en,
      customId: 'order:1:1:1:i:a',
      payment: 'invoice',
      orderType: undefined,
      draft: undefined,
    });
    const sent = apiModal(modal);
    expect(isJSONEncodable(sent)).toBe(true);
    expect(sent.toJSON()).toBe(modal);
  });
});
