import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { projectAsRecordedAt } from '@app/projections';
import {
  REFERENCE_DATA,
  normalizeUscc,
  type ReferenceData,
} from '@app/reference-data';
import { enterpriseStreamName } from '../domain/enterprise.events.js';
import { EnterpriseViewProjector } from './enterprise-view.projector.js';
import type {
  EnterpriseAsRecordedReadModel,
  EnterpriseView,
} from '../application/ports/enterprise-read-model.port.js';
import { EnterpriseQueries } from './enterprise.queries.js';

/** GET /enterprises/:uscc?asRecordedAt=T: the view as it stood then, by the live projector and query. */
@Injectable()
export class EnterpriseAsRecordedQuery implements EnterpriseAsRecordedReadModel {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    private readonly projector: EnterpriseViewProjector,
  ) {}

  getOne(uscc: string, asRecordedAt: string): Promise<EnterpriseView | null> {
    const normalized = normalizeUscc(uscc);
    return projectAsRecordedAt({
      store: this.store,
      streams: [enterpriseStreamName(normalized)],
      asRecordedAt,
      projector: this.projector,
      read: (scratch) =>
        new EnterpriseQueries(scratch, this.referenceData).getOne(normalized),
    });
  }
}
