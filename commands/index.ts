import type { Command } from '../src/command.js';
import { order } from './order.js';
import { orderBalance } from './order-balance.js';

/** Every slash command, listed once: the router and the deploy script both read this. */
export const commands: readonly Command[] = [order, orderBalance];
