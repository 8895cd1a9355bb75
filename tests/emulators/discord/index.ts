import { DiscordEmulator } from './emulator.js';
import type { DiscordEmulatorOptions } from './types.js';

export { DiscordEmulator } from './emulator.js';
export type { DispatchComponentOptions, SubmitModalOptions } from './emulator.js';
export type * from './types.js';
export { Limits, MessageFlags } from './validation.js';

/** Starts a Discord REST v10 + gateway emulator on 127.0.0.1 (ephemeral port). */
export function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  return new DiscordEmulator(options).listen();
}
