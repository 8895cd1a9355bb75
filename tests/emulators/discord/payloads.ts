import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';

export interface GuildState {
  id: string;
  name: string;
  channelId: string;
  ownerId: string;
  joinedAt: string;
}

/** Every permission a typical admin member would have (as a decimal string). */
export const MEMBER_PERMISSIONS = '2248473465835073';
export const APP_PERMISSIONS = '2248473465835073';
export const ATTACHMENT_SIZE_LIMIT = 10_485_760;

export function userObject(id: string, username: string, globalName: string | null, bot = false): APIUser {
  const user: Record<string, unknown> = {
    id,
    username,
    global_name: globalName,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    ...(bot ? { bot: true } : {}),
  };
  return user as unknown as APIUser;
}

export function guildChannel(guild: GuildState): Record<string, unknown> {
  return {
    id: guild.channelId,
    type: 0,
    guild_id: guild.id,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function dmChannel(channelId: string, recipient: APIUser): Record<string, unknown> {
  return { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [recipient] };
}

export function guildCreate(guild: GuildState): Record<string, unknown> {
  const { guild_id: _omit, ...channel } = guildChannel(guild);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: '2222085186637376',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    nsfw: false,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [channel],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function memberObject(user: APIUser, joinedAt: string): Record<string, unknown> {
  return {
    user,
    roles: [],
    nick: null,
    avatar: null,
    banner: null,
    premium_since: null,
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
    permissions: MEMBER_PERMISSIONS,
  };
}

export interface MessageContext {
  channelId: string;
  bot: APIUser;
  applicationId: string;
  interaction?: { id: string; type: number; user: APIUser; name?: string };
  messageType?: number;
}

/** Builds a realistic message object from a create body. */
export function messageObject(
  body: Record<string, unknown>,
  ctx: MessageContext,
  files: string[] = [],
): APIMessage {
  const id = snowflake();
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const message: Record<string, unknown> = {
    id,
    type: ctx.messageType ?? 0,
    channel_id: ctx.channelId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    attachments: files.map((filename) => ({
      id: snowflake(),
      filename,
      size: 0,
      url: `https://cdn.discordapp.com/attachments/${ctx.channelId}/${id}/${filename}`,
      proxy_url: `https://media.discordapp.net/attachments/${ctx.channelId}/${id}/${filename}`,
    })),
    author: ctx.bot,
    flags,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    ...(ctx.interaction
      ? {
          webhook_id: ctx.applicationId,
          application_id: ctx.applicationId,
          interaction_metadata: {
            id: ctx.interaction.id,
            type: ctx.interaction.type,
            user: ctx.interaction.user,
            authorizing_integration_owners: {},
          },
        }
      : {}),
  };
  return message as unknown as APIMessage;
}

/** Applies an edit body to a stored message (PATCH semantics: only given fields change). */
export function applyEdit(
  message: APIMessage,
  body: Record<string, unknown>,
  files: string[] = [],
): APIMessage {
  const next = { ...message } as Record<string, unknown>;
  for (const key of ['content', 'embeds', 'components', 'attachments'] as const) {
    if (body[key] !== undefined) next[key] = body[key] ?? (key === 'content' ? '' : []);
  }
  if (files.length > 0) {
    next.attachments = files.map((filename) => ({ id: snowflake(), filename, size: 0 }));
  }
  const oldFlags = message.flags ?? 0;
  const loading = 1 << 7;
  let flags = oldFlags & ~loading;
  if (typeof body.flags === 'number') flags = (flags & (1 << 6)) | body.flags;
  next.flags = flags;
  next.edited_timestamp = new Date().toISOString();
  return next as unknown as APIMessage;
}
