import { Inject, Injectable } from '@nestjs/common';
import {
  AggregateRepository,
  EVENT_STORE,
  StreamVersionConflictError,
  type EventStore,
} from '@app/event-store';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import { normalizeUscc } from '@app/reference-data';
import type { EnterpriseRepository } from '../application/enterprise.repository.js';
import { ENTERPRISE_EVENT_CODEC } from '../domain/enterprise-event.codec.js';
import { Enterprise } from '../domain/enterprise.aggregate.js';
import { EnterpriseErrors } from '../domain/enterprise.errors.js';
import {
  enterpriseStreamName,
  type EnterpriseEvent,
} from '../domain/enterprise.events.js';

/** Enterprise aggregates on their `enterprise-<uscc>` streams, through the event store. */
@Injectable()
export class EventStoreEnterpriseRepository implements EnterpriseRepository {
  private readonly aggregates: AggregateRepository<EnterpriseEvent, Enterprise>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.aggregates = new AggregateRepository<EnterpriseEvent, Enterprise>(
      store,
      {
        create: () => new Enterprise(),
        decode: (stored) =>
          stored.map((event) => ENTERPRISE_EVENT_CODEC.decode(event)),
      },
    );
  }

  load(uscc: string, expectedVersion?: bigint): Promise<Enterprise> {
    return this.aggregates.load(enterpriseStreamName(uscc), expectedVersion);
  }

  async loadExisting(
    uscc: string,
    expectedVersion?: bigint,
  ): Promise<Enterprise> {
    const enterprise = await this.load(uscc, expectedVersion);
    if (!enterprise.isRegistered)
      throw EnterpriseErrors.notFound(normalizeUscc(uscc));
    return enterprise;
  }

  /**
   * Two registrations racing on the same USCC: the loser's `no_stream` append fails and is reported
   * as ENTERPRISE_ALREADY_REGISTERED, not as a stale version.
   */
  async save(
    enterprise: Enterprise,
    meta: CommandMetadata,
  ): Promise<CommandResult> {
    const wasNew = enterprise.isNew;
    try {
      return await this.aggregates.save(
        enterpriseStreamName(enterprise.uscc),
        enterprise,
        meta,
      );
    } catch (error) {
      if (wasNew && error instanceof StreamVersionConflictError)
        throw EnterpriseErrors.alreadyRegistered(enterprise.uscc);
      throw error;
    }
  }
}
