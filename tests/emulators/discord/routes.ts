import { Errors } from './errors.js';
import type { Route, RouteContext, RouteReply } from './http.js';
import type { CommandRegistry } from './commands.js';
import type { InteractionManager } from './interactions.js';

/** The emulator state the REST routes operate on. */
export interface RouteState {
  gatewayUrl: () => string;
  currentUser: () => unknown;
  application: () => unknown;
  commands: CommandRegistry;
  interactions: InteractionManager;
  openDm: (recipientId: unknown) => RouteReply;
  createChannelMessage: (channelId: string, ctx: RouteContext) => RouteReply;
  getChannel: (channelId: string) => RouteReply;
  guildExists: (guildId: string) => boolean;
}

const S = '([0-9]+)';
const TOKEN = '([^/]+)';
const re = (path: string): RegExp => new RegExp(`^${path}$`);

export function buildRoutes(state: RouteState): Route[] {
  const guildOr404 = (id: string): string => {
    if (!state.guildExists(id)) throw Errors.unknownGuild();
    return id;
  };
  const appOr404 = (id: string): void => {
    if (id !== (state.application() as { id: string }).id) throw Errors.unknownApplication();
  };
  return [
    {
      method: 'GET',
      pattern: re('/gateway/bot'),
      auth: true,
      handle: () => ({
        status: 200,
        json: {
          url: state.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      }),
    },
    {
      method: 'GET',
      pattern: re('/gateway'),
      auth: false,
      handle: () => ({ status: 200, json: { url: state.gatewayUrl() } }),
    },
    {
      method: 'GET',
      pattern: re('/users/@me'),
      auth: true,
      handle: () => ({ status: 200, json: state.currentUser() }),
    },
    {
      method: 'GET',
      pattern: re('/applications/@me'),
      auth: true,
      handle: () => ({ status: 200, json: state.application() }),
    },
    {
      method: 'GET',
      pattern: re('/oauth2/applications/@me'),
      auth: true,
      handle: () => ({ status: 200, json: state.application() }),
    },
    // Application commands
    ...(['GET', 'PUT', 'POST'] as const).flatMap((method): Route[] => [
      {
        method,
        pattern: re(`/applications/${S}/commands`),
        auth: true,
        handle: ({ params, body }) => {
          appOr404(params[0] ?? '');
          return commandRoute(state.commands, method, null, body.json);
        },
      },
      {
        method,
        pattern: re(`/applications/${S}/guilds/${S}/commands`),
        auth: true,
        handle: ({ params, body }) => {
          appOr404(params[0] ?? '');
          return commandRoute(state.commands, method, guildOr404(params[1] ?? ''), body.json);
        },
      },
    ]),
    // Interaction callback (no bot auth: the token in the path authenticates)
    {
      method: 'POST',
      pattern: re(`/interactions/${S}/${TOKEN}/callback`),
      auth: false,
      handle: ({ params, body, query }) =>
        state.interactions.callback(
          params[0] ?? '',
          params[1] ?? '',
          body,
          query.get('with_response') === 'true',
        ),
    },
    // Interaction webhooks
    {
      method: 'POST',
      pattern: re(`/webhooks/${S}/${TOKEN}`),
      auth: false,
      handle: ({ params, body, query }) =>
        state.interactions.createFollowup(
          params[0] ?? '',
          params[1] ?? '',
          body,
          query.get('wait') === 'true',
        ),
    },
    {
      method: 'GET',
      pattern: re(`/webhooks/${S}/${TOKEN}/messages/(@original|[0-9]+)`),
      auth: false,
      handle: ({ params }) =>
        state.interactions.getMessage(params[0] ?? '', params[1] ?? '', params[2] ?? ''),
    },
    {
      method: 'PATCH',
      pattern: re(`/webhooks/${S}/${TOKEN}/messages/(@original|[0-9]+)`),
      auth: false,
      handle: ({ params, body }) =>
        state.interactions.editMessage(params[0] ?? '', params[1] ?? '', params[2] ?? '', body),
    },
    {
      method: 'DELETE',
      pattern: re(`/webhooks/${S}/${TOKEN}/messages/(@original|[0-9]+)`),
      auth: false,
      handle: ({ params }) =>
        state.interactions.deleteMessage(params[0] ?? '', params[1] ?? '', params[2] ?? ''),
    },
    // DMs and channel messages
    {
      method: 'POST',
      pattern: re('/users/@me/channels'),
      auth: true,
      handle: ({ body }) => state.openDm((body.json as { recipient_id?: unknown } | undefined)?.recipient_id),
    },
    {
      method: 'GET',
      pattern: re(`/channels/${S}`),
      auth: true,
      handle: ({ params }) => state.getChannel(params[0] ?? ''),
    },
    {
      method: 'POST',
      pattern: re(`/channels/${S}/messages`),
      auth: true,
      handle: (ctx) => state.createChannelMessage(ctx.params[0] ?? '', ctx),
    },
  ];
}

function commandRoute(
  commands: CommandRegistry,
  method: 'GET' | 'PUT' | 'POST',
  guildId: string | null,
  body: unknown,
): RouteReply {
  switch (method) {
    case 'GET':
      return { status: 200, json: commands.list(guildId) };
    case 'PUT':
      return { status: 200, json: commands.overwrite(guildId, body) };
    case 'POST': {
      const { created, command } = commands.upsert(guildId, body);
      return { status: created ? 201 : 200, json: command };
    }
  }
}
