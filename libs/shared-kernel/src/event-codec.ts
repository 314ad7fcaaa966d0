import type { DomainEvent } from './aggregate.js';

/** An event as the log stores it: any schema version. */
export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Turns the data of version n into the data of version n + 1 of the same event type. */
export type Upcaster = (
  data: Record<string, unknown>,
) => Record<string, unknown>;

export type UpcasterRegistry<E extends DomainEvent> = {
  readonly [T in E['type']]?: Readonly<Record<number, Upcaster>>;
};

/**
 * One context's reading of its events (docs/decisions/0103-event-codecs.md): `decode` turns a stored
 * event of any schema version into the latest version through the n → n+1 upcasters, and it is the
 * only place that turns stored data into a typed event. Stored bytes never change, so the hash
 * chain still verifies.
 */
export interface EventCodec<E extends DomainEvent> {
  readonly types: readonly E['type'][];
  /** The schema version new events of this type are written with. */
  latestVersion(type: E['type']): number;
  handles(type: string): type is E['type'];
  decode(stored: EncodedEvent): E;
}

export class EventDecodingError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    reason: string,
  ) {
    super(`Cannot decode ${type} v${schemaVersion}: ${reason}`);
  }
}

export function defineEventCodec<E extends DomainEvent>(spec: {
  /** Latest schema version of every event type of the context. */
  latest: { readonly [T in E['type']]: number };
  upcasters?: UpcasterRegistry<E>;
}): EventCodec<E> {
  const latest = spec.latest as Readonly<Record<string, number>>;
  const upcasters = (spec.upcasters ?? {}) as Readonly<
    Record<string, Readonly<Record<number, Upcaster>> | undefined>
  >;
  const types = Object.keys(latest) as E['type'][];
  for (const type of types) {
    for (let version = 1; version < latest[type]; version++) {
      if (!upcasters[type]?.[version])
        throw new Error(
          `${type}: no upcaster from v${version} to v${version + 1}`,
        );
    }
  }
  const handles = (type: string): type is E['type'] =>
    Object.prototype.hasOwnProperty.call(latest, type);
  return {
    types,
    handles,
    latestVersion: (type) => latest[type],
    decode(stored) {
      if (!handles(stored.type))
        throw new EventDecodingError(
          stored.type,
          stored.schemaVersion,
          'unknown event type',
        );
      const target = latest[stored.type];
      if (
        !Number.isInteger(stored.schemaVersion) ||
        stored.schemaVersion < 1 ||
        stored.schemaVersion > target
      ) {
        throw new EventDecodingError(
          stored.type,
          stored.schemaVersion,
          `this code reads versions 1 to ${target}`,
        );
      }
      if (typeof stored.data !== 'object' || stored.data === null) {
        throw new EventDecodingError(
          stored.type,
          stored.schemaVersion,
          'data is not an object',
        );
      }
      let data = stored.data as Record<string, unknown>;
      for (let version = stored.schemaVersion; version < target; version++)
        data = upcasters[stored.type]![version](data);
      // The one place stored data becomes a typed event: its shape is the latest version's, by the upcasters.
      return { type: stored.type, schemaVersion: target, data } as unknown as E;
    },
  };
}
