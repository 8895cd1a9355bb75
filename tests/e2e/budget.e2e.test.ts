import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKEN, startWorld, type World } from './harness.js';
import { link, placeOrder } from './flows.js';

const KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0';
const MEMBER_ONE = 'lrrs_v1_e2e_budget_member_one_0a1b2c3d4e5f';
const MEMBER_TWO = 'lrrs_v1_e2e_budget_member_two_6a7b8c9d0e1f';
const ONE = '300000000000000001';
const TWO = '300000000000000002';

/** Each token has its own create-order budget: the shop's being spent leaves members' tokens theirs. */
describe('a budget per token, through the real bot process', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      store: {
        rateLimit: false,
        accounts: [{ token: SANDBOX_TOKEN }, { token: MEMBER_ONE }, { token: MEMBER_TWO }],
      },
      env: { TOKEN_ENCRYPTION_KEY: KEY, LEUWONG_ORDERS_PER_MINUTE: '2' },
    });
    await world.start();
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  const title = async (userId: string) =>
    (await placeOrder(world, { userId })).reply.embeds?.[0]?.title ?? '';
  const refusal = async (userId: string) => (await placeOrder(world, { userId })).reply.content ?? '';

  it("spends the shop's 2 a minute, while each member's token still places its own 2", async () => {
    expect((await link(world, ONE, MEMBER_ONE)).reply.content).toContain('linked');
    expect((await link(world, TWO, MEMBER_TWO)).reply.content).toContain('linked');

    expect(await title('300000000000000011')).toMatch(/^Invoice /);
    expect(await title('300000000000000012')).toMatch(/^Invoice /);
    expect(await refusal('300000000000000013')).toContain('Many orders are being placed right now');

    for (const member of [ONE, TWO]) {
      expect(await title(member)).toMatch(/^Invoice /);
      expect(await title(member)).toMatch(/^Invoice /);
      expect(await refusal(member)).toContain('Many orders are being placed right now');
    }
    const byToken = (token: string) => world.store.ledger.filter((entry) => entry.token === token);
    expect(byToken(SANDBOX_TOKEN)).toHaveLength(2);
    expect(byToken(MEMBER_ONE)).toHaveLength(2);
    expect(byToken(MEMBER_TWO)).toHaveLength(2);
  });
});
