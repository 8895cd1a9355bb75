/**
 * `npm run sandbox`: the real bot, a local Discord and a local LeuwongRR store, one short scripted
 * session, and what each user sees. Nothing leaves this machine; no account or token is needed.
 * With `--id`, every user reads the bot in Indonesian.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { InteractionHandle } from '../emulators/discord/index.js';
import { PRODUCTION_TOKEN, startWorld, type World } from '../e2e/harness.js';
import { messagesFor } from '../../src/messages/index.js';
import { renderMessage, renderModal, type Visible } from './terminal.js';

const LINKED_NOBODY = '300000000000000009';

/** `npm run sandbox -- --id`: every user's Discord is in Indonesian. */
const ALL_INDONESIAN = process.argv.includes('--id');

function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function header(user: string, locale: string, action: string): void {
  say();
  say(`━━ ${user} (${locale}) ${action}`);
}

async function showReply(handle: InteractionHandle): Promise<Visible> {
  const edit = await handle.waitForEdit(undefined, 20_000);
  const message = edit.body as Visible;
  say(renderMessage(message, true));
  return message;
}

/** The command's name as the user's Discord shows it: its Indonesian localization for `id`. */
function shownName(world: World, name: string, locale: string): string {
  const command = world.discord.commands.global.find((c) => c.name === name);
  return (locale === 'id' ? command?.name_localizations?.id : undefined) ?? name;
}

async function order(
  world: World,
  who: { name: string; id: string; locale: string },
  options: {
    command?: 'order' | 'order-balance';
    type?: 'vip_server';
    values: Record<string, string | string[]>;
  },
): Promise<{ submit: InteractionHandle; reply: Visible }> {
  const command = options.command ?? 'order';
  const typed = options.type
    ? ` ${who.locale === 'id' ? 'jenis' : 'type'}:${messagesFor(who.locale).orderType[options.type]}`
    : '';
  header(who.name, who.locale, `types /${shownName(world, command, who.locale)}${typed}`);
  const handle = world.discord.dispatchCommand({
    name: command,
    locale: who.locale,
    user: { id: who.id, username: who.name.toLowerCase(), globalName: who.name },
    ...(options.type
      ? { options: [{ type: ApplicationCommandOptionType.String, name: 'type', value: options.type }] }
      : {}),
  });
  const modal = await handle.waitForCallback();
  say(renderModal(modal.data as Visible));
  say(
    `${who.name} fills in: ${Object.entries(options.values)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`)
      .join('  ')}`,
  );
  const submit = world.discord.submitModal(handle, options.values);
  const reply = await showReply(submit);
  return { submit, reply };
}

/** `/orders` (`/pesanan`): the user's own orders, newest first. */
async function history(world: World, who: { name: string; id: string; locale: string }): Promise<void> {
  header(who.name, who.locale, `types /${shownName(world, 'orders', who.locale)}`);
  const handle = world.discord.dispatchCommand({
    name: 'orders',
    locale: who.locale,
    user: { id: who.id, username: who.name.toLowerCase(), globalName: who.name },
  });
  await showReply(handle);
}

async function main(): Promise<void> {
  say('LeuwongRR order bot: sandbox session');
  say('Everything below runs on this machine: the real bot process, a local Discord and a local');
  say('LeuwongRR store (its "production" account is emulated, so nothing is ever charged).');

  const world = await startWorld({
    store: { rateLimit: false },
    env: {
      LEUWONG_API_TOKEN: PRODUCTION_TOKEN,
      LOG_LEVEL: 'info',
      STORE_URL: 'memory:',
      LEUWONG_TIMEOUT_SECONDS: '1',
    },
  });
  try {
    await world.start();
    say(
      `The bot is connected; it registered: ${world.discord.commands.global.map((c) => `/${c.name}`).join(', ')}`,
    );

    const ayu = { name: 'Ayu', id: '300000000000000001', locale: ALL_INDONESIAN ? 'id' : 'en-US' };
    const budi = { name: 'Budi', id: '300000000000000002', locale: 'id' };
    const citra = { name: 'Citra', id: LINKED_NOBODY, locale: 'id' };
    const dewi = { name: 'Dewi', id: '300000000000000004', locale: ALL_INDONESIAN ? 'id' : 'en-GB' };

    await order(world, ayu, {
      values: {
        username: 'AyuPlays',
        place: 'https://www.roblox.com/games/920587237/Adopt-Me',
        gamepass: 'https://www.roblox.com/game-pass/6408694/VIP',
        order_type: ['gamepass'],
      },
    });

    const vip = await order(world, budi, {
      type: 'vip_server',
      values: { username: 'budi_rbx', place: '4924922222', gamepass: '12345678' },
    });
    const paid = world.store.ledger.at(-1);
    const check = ((vip.reply.components ?? [])[0]?.components ?? []).find((b) =>
      b.custom_id?.startsWith('pay-check:'),
    );
    if (paid && check?.custom_id) {
      world.store.setPaymentStatus(paid.invoiceCode, 'paid');
      say(`${budi.name} pays on the LeuwongRR website, then presses [ ${check.label ?? ''} ]:`);
      await showReply(world.discord.dispatchComponent(vip.submit, check.custom_id));
    }

    await order(world, citra, {
      command: 'order-balance',
      values: { username: 'CitraCute', place: '920587237', gamepass: '6408694', order_type: ['gamepass'] },
    });

    const bad = await order(world, dewi, {
      values: {
        username: 'x',
        place: 'https://www.roblox.com/share?code=2f7c9a&type=Server',
        gamepass: 'https://create.roblox.com/dashboard/creations/experiences/1/overview',
        order_type: ['gamepass'],
      },
    });
    const fix = ((bad.reply.components ?? [])[0]?.components ?? [])[0];
    if (fix?.custom_id) {
      say(`${dewi.name} presses [ ${fix.label ?? ''} ]: the form opens again with what they typed.`);
      const click = world.discord.dispatchComponent(bad.submit, fix.custom_id);
      const reopened = await click.waitForCallback();
      say(renderModal(reopened.data as Visible));
      const submit = world.discord.submitModal(click, {
        username: 'DewiGamer',
        place: '920587237',
        gamepass: '6408694',
        order_type: ['gamepass'],
      });
      say(`${dewi.name} corrects it and submits again:`);
      await showReply(submit);
    }

    say();
    say('━━ The store goes down for a moment…');
    world.store.inject({ type: 'status', status: 503 }, { times: 1000 });
    const outage = await order(world, ayu, {
      values: { username: 'AyuPlays', place: '920587237', gamepass: '1234', order_type: ['gamepass'] },
    });
    world.store.clearFaults();
    const retry = ((outage.reply.components ?? [])[0]?.components ?? []).find((b) => b.custom_id);
    if (retry?.custom_id) {
      say(
        `…and is back. ${ayu.name} presses [ ${retry.label ?? ''} ] (same order reference, so it can never create a double order):`,
      );
      const click = world.discord.dispatchComponent(outage.submit, retry.custom_id);
      await showReply(click);
    }

    await history(world, ayu);
    await history(world, budi);

    say();
    say(`Orders the store received: ${world.store.ledger.length}; one per order, none twice.`);
  } finally {
    await world.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sandbox failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
