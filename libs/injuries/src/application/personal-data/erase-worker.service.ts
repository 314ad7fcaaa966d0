import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, newEvent, type EventStore } from '@app/event-store';
import {
  CLOCK,
  type Clock,
  type CommandMetadata,
  deterministicEventId,
  RuleViolation,
} from '@app/shared-kernel';
import {
  personalDataStreamName,
  type WorkerPersonalDataErased,
} from '../../domain/personal-data.events.js';
import { PersonalDataVault } from './personal-data-vault.js';

/** A workerRef as pseudonymiseWorkerId makes it: HMAC-SHA256, hex. */
const WORKER_REF = /^[0-9a-f]{64}$/;

export interface ErasureOutcome {
  workerRef: string;
  /** False when the key was already destroyed by an earlier erasure. */
  erasedNow: boolean;
  erasedAt: string;
  /** Position of WorkerPersonalDataErased (the same one on a repeat). */
  globalPosition: number;
}

/**
 * Erases a worker (docs/decisions/0231-erase-worker.md): destroys the data key first, then records
 * WorkerPersonalDataErased with an id derived from the workerRef. A repeat, or a rerun after a crash
 * between the two steps, destroys nothing more and appends nothing twice.
 */
@Injectable()
export class EraseWorkerService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
  ) {}

  async erase(
    workerRef: string,
    meta: CommandMetadata,
  ): Promise<ErasureOutcome> {
    if (!WORKER_REF.test(workerRef)) {
      throw new RuleViolation(
        'WORKER_REF_INVALID',
        'invalid',
        'A workerRef is 64 lowercase hex digits',
        [{ path: '/workerRef', message: 'is not a workerRef' }],
      );
    }
    const { erasedNow, erasedAt } = await this.vault.erase(
      workerRef,
      this.clock.now().toISOString(),
    );
    const event: WorkerPersonalDataErased = {
      type: 'WorkerPersonalDataErased',
      schemaVersion: 1,
      data: { workerRef },
    };
    const eventId = deterministicEventId('WorkerPersonalDataErased', workerRef);
    const result = await this.store.appendToStream(
      personalDataStreamName(workerRef),
      [
        newEvent(event, { ...event.data }, eventId, {
          ...meta,
          effectiveAt: erasedAt,
        }),
      ],
      { expectedVersion: 'any' },
    );
    return {
      workerRef,
      erasedNow,
      erasedAt,
      globalPosition: Number(result.lastGlobalPosition),
    };
  }
}
