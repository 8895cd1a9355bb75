import type { Command } from '../src/command.js';
import { account } from './account.js';
import { link } from './link/index.js';
import { orderBalance } from './order-balance.js';
import { order } from './order/index.js';
import { orders } from './orders.js';
import { unlink } from './unlink.js';

/** Every slash command, listed once: the router and the deploy script both read this. */
export const commands: readonly Command[] = [order, orderBalance, orders, link, unlink, account];
