import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './harness.js';
import { buttons, field, placeOrder } from './flows.js';

const HOSTILE = '[Pay here](https://evil.example) @everyone';

describe('text the store sends, in the real bot’s invoice', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ store: { rateLimit: false, formatAmount: () => HOSTILE } });
    await world.start();
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  it('shows a masked link in formatted_amount as text, mentions nobody, and links only to the store', async () => {
    const flow = await placeOrder(world, { userId: '100000000000000077' });
    expect(field(flow.reply, 'Amount')).toBe('\\[Pay here\\](https\\://evil.example) \\@everyone');
    expect(JSON.stringify(flow.reply)).not.toMatch(/(^|[^\\])\[Pay here\]/);
    const links = buttons(flow.reply).flatMap((button) => (button.url === undefined ? [] : [button.url]));
    expect(links).toEqual([expect.stringMatching(new RegExp(`^${world.store.origin}/user/invoice/`))]);
    expect((flow.edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });
});
