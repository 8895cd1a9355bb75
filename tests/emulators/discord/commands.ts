import type { APIApplicationCommand } from 'discord-api-types/v10';
import { FormErrors } from './errors.js';
import { snowflake } from './snowflake.js';
import type { CommandStore } from './types.js';

type Json = Record<string, unknown>;
const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommand(e: FormErrors, path: (string | number)[], body: Json): void {
  const type = (body.type as number | undefined) ?? 1;
  e.str([...path, 'name'], body.name, 32, { min: 1, required: true });
  if (type === 1) {
    const name = body.name;
    if (typeof name === 'string' && (!NAME_RE.test(name) || name !== name.toLowerCase())) {
      e.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    e.str([...path, 'description'], body.description, 100, { min: 1, required: true });
  }
  const options = body.options;
  if (Array.isArray(options) && options.length > 25) {
    e.add([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  }
}

/** Registered application commands, global and per guild. */
export class CommandRegistry implements CommandStore {
  global: APIApplicationCommand[] = [];
  readonly guilds = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId: string | null): APIApplicationCommand[] {
    return guildId === null ? this.global : (this.guilds.get(guildId) ?? []);
  }

  private build(body: Json, guildId: string | null, existing?: APIApplicationCommand): APIApplicationCommand {
    return {
      default_member_permissions: null,
      type: 1,
      name_localizations: null,
      description: '',
      description_localizations: null,
      options: [],
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...body,
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      ...(guildId === null ? {} : { guild_id: guildId }),
    } as unknown as APIApplicationCommand;
  }

  /** PUT: bulk overwrite. Commands keep their id when a command with the same name and type existed. */
  overwrite(guildId: string | null, body: unknown): APIApplicationCommand[] {
    const e = new FormErrors();
    const items = Array.isArray(body) ? (body as Json[]) : [];
    if (!Array.isArray(body)) e.add([], 'LIST_TYPE_CONVERT', 'Must be an array.');
    if (items.length > 100) e.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    items.forEach((item, i) => {
      validateCommand(e, [i], item);
    });
    e.throwIfAny();
    const previous = this.list(guildId);
    const next = items.map((item) =>
      this.build(
        item,
        guildId,
        previous.find(
          (c) => c.name === item.name && (c.type as number) === ((item.type as number | undefined) ?? 1),
        ),
      ),
    );
    this.set(guildId, next);
    return next;
  }

  /** POST: create or update (by name) one command. */
  upsert(guildId: string | null, body: unknown): { created: boolean; command: APIApplicationCommand } {
    const e = new FormErrors();
    const item = (typeof body === 'object' && body !== null ? body : {}) as Json;
    validateCommand(e, [], item);
    e.throwIfAny();
    const list = [...this.list(guildId)];
    const index = list.findIndex((c) => c.name === item.name);
    const command = this.build(item, guildId, index >= 0 ? list[index] : undefined);
    if (index >= 0) list[index] = command;
    else list.push(command);
    this.set(guildId, list);
    return { created: index < 0, command };
  }

  find(name: string, guildId: string | null): APIApplicationCommand | undefined {
    return (
      (guildId === null ? undefined : this.guilds.get(guildId)?.find((c) => c.name === name)) ??
      this.global.find((c) => c.name === name)
    );
  }

  private set(guildId: string | null, list: APIApplicationCommand[]): void {
    if (guildId === null) this.global = list;
    else this.guilds.set(guildId, list);
  }
}
