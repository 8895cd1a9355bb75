import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_TOKEN, SANDBOX_TOKEN, startWorld, type BotProcess, type World } from './harness.js';

describe('the bot process, end to end', () => {
  let world: World;
  let bot: BotProcess;

  beforeAll(async () => {
    world = await startWorld();
    bot = await world.start();
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  it('places a gamepass order from /order to the invoice', async () => {
    const command = world.discord.dispatchCommand({ name: 'order', locale: 'en-US' });
    const modal = await command.waitForCallback();
    expect(modal.type).toBe(9);
    const submit = world.discord.submitModal(command, {
      username: 'LeuwongUser',
      place: 'https://www.roblox.com/games/123456789/Some-Game',
      gamepass: '987654321',
      order_type: ['gamepass'],
    });
    const ack = await submit.waitForCallback();
    expect(ack.type).toBe(5);
    expect(ack.at - submit.dispatchedAt).toBeLessThan(3000);
    const edit = await submit.waitForEdit();
    console.log(JSON.stringify(edit.body, null, 1));
    expect(world.store.ledger).toHaveLength(1);
    console.log(bot.output.join('\n'));
    expect(bot.output.join('\n')).not.toContain(SANDBOX_TOKEN);
    expect(bot.output.join('\n')).not.toContain(DISCORD_TOKEN);
  });
});
