import type { BaseInteraction } from 'discord.js';
import type { Config } from './config.js';
import { RefusalError } from './errors.js';

export interface Where {
  guildId: string | null;
  channelId: string | null;
  /** Role IDs of the member, or null outside a guild; read only when REQUIRED_ROLE_ID is set. */
  roleIds: () => readonly string[] | null;
}

/** Where the operator allows orders (ALLOWED_GUILD_IDS, ALLOWED_CHANNEL_IDS, REQUIRED_ROLE_ID). */
export function checkAccess(access: Config['access'], where: Where): RefusalError | undefined {
  const restricted =
    access.guildIds.length > 0 || access.channelIds.length > 0 || access.requiredRoleId !== undefined;
  if (!restricted) return undefined;
  if (where.guildId === null) return new RefusalError({ kind: 'not_here' });
  if (access.guildIds.length > 0 && !access.guildIds.includes(where.guildId)) {
    return new RefusalError({ kind: 'not_here' });
  }
  if (
    access.channelIds.length > 0 &&
    (where.channelId === null || !access.channelIds.includes(where.channelId))
  ) {
    return new RefusalError({ kind: 'not_here' });
  }
  if (access.requiredRoleId !== undefined && !(where.roleIds() ?? []).includes(access.requiredRoleId)) {
    return new RefusalError({ kind: 'missing_role' });
  }
  return undefined;
}

/** Throws the refusal when orders are not allowed where this interaction happens. */
export function assertOrdersAllowed(access: Config['access'], interaction: BaseInteraction): void {
  const refusal = checkAccess(access, {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    roleIds: () => {
      const roles = interaction.member?.roles;
      return roles === undefined ? null : Array.isArray(roles) ? roles : [...roles.cache.keys()];
    },
  });
  if (refusal) throw refusal;
}
