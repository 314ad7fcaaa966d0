import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  findUnstorableText,
  UnstorableTextError,
  type StoredEvent,
} from '@app/event-store';
import {
  INJURIES_EVENT_CODEC,
  type InjuriesEvent,
} from '../../domain/injuries-event.codec.js';
import type {
  DeclarationContent,
  InjuryCaseEvent,
} from '../../domain/injury-case.events.js';
import type { FeedRecordQuarantined } from '../../domain/feed-week.events.js';
import {
  mergePersonalRecord,
  personalDataSubject,
  splitPersonalFields,
  splitPersonalRecord,
  workerRefOfRecord,
  type SealedPersonalData,
} from '../../domain/personal-data.js';
import { openPersonalData, sealPersonalData } from './seal.js';
import {
  PERSONAL_DATA_KEYS,
  type PersonalDataKeys,
} from './personal-data-keys.port.js';

export class PersonalDataKeyMissingError extends Error {
  constructor(readonly subject: string) {
    super(
      `The key table holds no key for subject ${subject}, whose personal data the log holds sealed: ` +
        'was the key table restored with the log? (README, Backup and restore)',
    );
    this.name = 'PersonalDataKeyMissingError';
  }
}

type KeyState = Buffer | null | undefined;

/**
 * The one place personal data is sealed and opened (docs/decisions/0230-personal-data-sealed-per-worker.md).
 * Writers hand it the events they are about to append; readers decode the context's stored events
 * through `decodeAll`, which runs INJURIES_EVENT_CODEC and then opens the sealed parts with the
 * keys of the page (one key-table query per call). A subject whose key is destroyed reads as
 * erased: its personal fields are left out and `personalDataErased` is set — v1 events that hold
 * them in clear included, as far as their subject is known.
 */
@Injectable()
export class PersonalDataVault {
  /**
   * Keys obtained ahead by prepareKeys for a feed batch, until that batch releases them
   * (docs/decisions/0171): never kept longer than the batch that asked for them.
   */
  private readonly prepared = new Map<string, Buffer | null>();

  constructor(
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
  ) {}

  /**
   * Obtains the keys of these subjects in one write (instead of one per sealed event) for the records of
   * a batch about to be ingested; `release` forgets them. A subject not prepared is obtained when sealed.
   */
  async prepareKeys(
    subjects: Iterable<string>,
  ): Promise<{ release: () => void }> {
    const keys = await this.keys.obtain([...subjects]);
    for (const [subject, key] of keys) this.prepared.set(subject, key);
    return {
      release: () =>
        keys.forEach((_, subject) => this.prepared.delete(subject)),
    };
  }

  async decode(stored: StoredEvent): Promise<InjuriesEvent> {
    return (await this.decodeAll([stored]))[0];
  }

  async decodeAll(stored: readonly StoredEvent[]): Promise<InjuriesEvent[]> {
    const decoded = stored.map((s) => INJURIES_EVENT_CODEC.decode(s));
    // Corrections of v1 name no subject: it is the case's, from its Received earlier in the stream.
    const streamSubjects = new Map<string, string>();
    const subjects: (string | undefined)[] = decoded.map((event, i) => {
      const subject = subjectOf(
        event,
        streamSubjects.get(stored[i].streamName),
      );
      if (
        subject &&
        (event.type === 'InjuryDeclarationReceived' ||
          event.type === 'InjuryDeclarationCorrected')
      ) {
        streamSubjects.set(stored[i].streamName, subject);
      }
      return subject;
    });
    const wanted = subjects.filter((s): s is string => s !== undefined);
    const keys =
      wanted.length > 0
        ? await this.keys.find(wanted)
        : new Map<string, Buffer | null>();
    return decoded.map((event, i) => {
      const subject = subjects[i];
      return subject === undefined
        ? event
        : open(event, keys.get(subject), stored[i].eventId);
    });
  }

  /** Which of these subjects are erased. */
  async erasedAmong(subjects: Iterable<string>): Promise<Set<string>> {
    const found = await this.keys.find(subjects);
    return new Set(
      [...found].filter(([, key]) => key === null).map(([subject]) => subject),
    );
  }

  /** A declaration's content without its personal fields when its subject is erased (nothing new is kept). */
  async withoutErasedFields(
    content: DeclarationContent,
    claimId: string,
  ): Promise<DeclarationContent> {
    const subject = personalDataSubject(content.workerRef, claimId);
    if (!(await this.erasedAmong([subject])).has(subject)) return content;
    return splitPersonalFields(content).rest;
  }

  /**
   * The data to store for a case event: Received and Corrected with their personal fields sealed
   * under `subject`'s key (dropped when the subject is erased); other events unchanged.
   */
  async sealCaseEvent(
    event: InjuryCaseEvent,
    subject: string,
    eventId: string,
  ): Promise<Record<string, unknown>> {
    if (event.type === 'InjuryDeclarationReceived') {
      const { personal, rest } = splitPersonalFields(event.data);
      return { ...rest, ...(await this.seal(subject, eventId, personal)) };
    }
    if (event.type === 'InjuryDeclarationCorrected') {
      const { personal, rest } = splitPersonalFields(event.data.changes);
      return {
        ...event.data,
        changes: rest,
        ...(await this.seal(subject, eventId, personal)),
      };
    }
    return { ...event.data };
  }

  async sealQuarantined(
    data: FeedRecordQuarantined['data'],
    eventId: string,
  ): Promise<FeedRecordQuarantined['data']> {
    const { personal, rest } = splitPersonalRecord(data.record);
    const subject =
      workerRefOfRecord(data.record) ??
      (data.claimId
        ? `claim:${data.claimId}`
        : `quarantine:${data.quarantineId}`);
    return {
      ...data,
      record: rest,
      ...(await this.seal(subject, eventId, personal)),
    };
  }

  /**
   * The data of a copy of `stored` appended under another event id (the demo's neighbouring counties):
   * the sealed part opened with the original's id and sealed again for the copy's, under the same
   * subject; `rename` applies to the rest. An erased part stays erased.
   */
  async copyFor(
    stored: StoredEvent,
    eventId: string,
    rename: (data: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const { personal: sealed, ...rest } = stored.data as {
      personal?: SealedPersonalData;
    } & Record<string, unknown>;
    if (!sealed) return rename(stored.data);
    const key = (await this.keys.find([sealed.subject])).get(sealed.subject);
    if (key === undefined)
      throw new PersonalDataKeyMissingError(sealed.subject);
    if (key === null) return { ...rename(rest), personalDataErased: true };
    return {
      ...rename(rest),
      personal: sealPersonalData(
        key,
        sealed.subject,
        eventId,
        openPersonalData(key, sealed, stored.eventId),
      ),
    };
  }

  /** Destroys the worker's key; idempotent. */
  erase(
    workerRef: string,
    at: string,
  ): Promise<{ erasedNow: boolean; erasedAt: string }> {
    this.prepared.delete(workerRef);
    return this.keys.erase(workerRef, at);
  }

  /** An id for an event that must be sealed but was given none. */
  static newEventId(): string {
    return randomUUID();
  }

  private async seal(
    subject: string,
    eventId: string,
    personal: Record<string, unknown>,
  ): Promise<{ personal?: SealedPersonalData; personalDataErased?: true }> {
    if (Object.keys(personal).length === 0) return {};
    // Sealed text would pass the store's check and fail later in a read model: refuse it here, as the store would.
    const unstorable = findUnstorableText(personal);
    if (unstorable.length > 0) throw new UnstorableTextError(unstorable);
    const key = this.prepared.has(subject)
      ? this.prepared.get(subject)!
      : (await this.keys.obtain([subject])).get(subject)!;
    return key === null
      ? { personalDataErased: true }
      : { personal: sealPersonalData(key, subject, eventId, personal) };
  }
}

function subjectOf(
  event: InjuriesEvent,
  streamSubject: string | undefined,
): string | undefined {
  switch (event.type) {
    case 'InjuryDeclarationReceived':
      return (
        event.data.personal?.subject ??
        personalDataSubject(event.data.workerRef, event.data.claimId)
      );
    case 'InjuryDeclarationCorrected': {
      const ref = event.data.changes.workerRef;
      return (
        event.data.personal?.subject ??
        (typeof ref === 'string' && ref !== '' ? ref : streamSubject)
      );
    }
    case 'FeedRecordQuarantined':
      return (
        event.data.personal?.subject ?? workerRefOfRecord(event.data.record)
      );
    default:
      return undefined;
  }
}

/** Puts the sealed fields back, or marks them erased; a sealed part whose key was never in the table is an error. */
function open(
  event: InjuriesEvent,
  key: KeyState,
  eventId: string,
): InjuriesEvent {
  if (
    event.type !== 'InjuryDeclarationReceived' &&
    event.type !== 'InjuryDeclarationCorrected' &&
    event.type !== 'FeedRecordQuarantined'
  ) {
    return event;
  }
  const { personal: sealed, ...data } = event.data;
  if (sealed && key === undefined)
    throw new PersonalDataKeyMissingError(sealed.subject);
  const erased = key === null;
  if (!sealed && !erased) return event;
  const opened = sealed && key ? openPersonalData(key, sealed, eventId) : {};
  switch (event.type) {
    case 'InjuryDeclarationReceived': {
      const base = erased
        ? splitPersonalFields(data as typeof event.data).rest
        : data;
      return {
        ...event,
        data: {
          ...base,
          ...opened,
          ...(erased ? { personalDataErased: true } : {}),
        },
      } as InjuriesEvent;
    }
    case 'InjuryDeclarationCorrected': {
      const d = data as typeof event.data;
      const changes = erased ? splitPersonalFields(d.changes).rest : d.changes;
      return {
        ...event,
        data: {
          ...d,
          changes: { ...changes, ...opened },
          ...(erased ? { personalDataErased: true } : {}),
        },
      };
    }
    case 'FeedRecordQuarantined': {
      const d = data as typeof event.data;
      const record = erased
        ? splitPersonalRecord(d.record).rest
        : mergePersonalRecord(d.record, opened);
      return {
        ...event,
        data: { ...d, record, ...(erased ? { personalDataErased: true } : {}) },
      };
    }
  }
}
