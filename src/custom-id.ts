import { ExpiredInteractionError } from './errors.js';

/**
 * A small typed codec for component and modal `custom_id`s: `name:version:field:field…`.
 * Everything a button or a modal needs after a restart travels here (at most 100 characters),
 * never in process memory.
 */

export const CUSTOM_ID_MAX = 100;

interface FieldCodec<T> {
  parse(raw: string): T | undefined;
  format(value: T): string;
}

export const snowflakeField: FieldCodec<string> = {
  parse: (raw) => (/^\d{1,20}$/.test(raw) ? raw : undefined),
  format: (value) => value,
};

export const smallIntField: FieldCodec<number> = {
  parse: (raw) => (/^\d{1,3}$/.test(raw) ? Number(raw) : undefined),
  format: (value) => String(value),
};

/** An enum stored as one short code per value (`{ gamepass: 'g', vip_server: 'v' }`). */
export function enumField<const T extends string>(codes: Record<T, string>): FieldCodec<T> {
  const reverse = new Map(Object.entries<string>(codes).map(([value, code]) => [code, value as T]));
  return {
    parse: (raw) => reverse.get(raw),
    format: (value) => codes[value],
  };
}

export type Fields = Record<string, FieldCodec<unknown>>;
export type ValuesOf<F extends Fields> = { [K in keyof F]: F[K] extends FieldCodec<infer T> ? T : never };

export interface CustomIdCodec<F extends Fields> {
  readonly name: string;
  readonly version: number;
  encode(values: ValuesOf<F>): string;
  /** Returns undefined when the id is not of this codec; throws ExpiredInteractionError when it is but cannot be read. */
  decode(customId: string): ValuesOf<F> | undefined;
}

export function defineCustomId<F extends Fields>(name: string, version: number, fields: F): CustomIdCodec<F> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad custom_id name ${name}`);
  const entries = Object.entries(fields) as [keyof F & string, FieldCodec<unknown>][];
  return {
    name,
    version,
    encode(values) {
      const parts = [name, String(version), ...entries.map(([key, codec]) => codec.format(values[key]))];
      const id = parts.join(':');
      if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id ${name} is ${id.length} characters`);
      return id;
    },
    decode(customId) {
      const parts = customId.split(':');
      if (parts[0] !== name) return undefined;
      if (parts[1] !== String(version))
        throw new ExpiredInteractionError(`${name} version ${parts[1] ?? '?'}`);
      if (parts.length !== entries.length + 2 || customId.length > CUSTOM_ID_MAX) {
        throw new ExpiredInteractionError(`${name} malformed`);
      }
      const values: Partial<Record<keyof F, unknown>> = {};
      for (const [index, [key, codec]] of entries.entries()) {
        const parsed = codec.parse(parts[index + 2] ?? '');
        if (parsed === undefined) throw new ExpiredInteractionError(`${name} field ${key}`);
        values[key] = parsed;
      }
      return values as ValuesOf<F>;
    },
  };
}

/** The name part of any custom_id, used by the router to find its handler. */
export function customIdName(customId: string): string {
  return customId.split(':', 1)[0] ?? '';
}
