import type { DomainEvent } from '@app/shared-kernel';

/**
 * An operator destroyed a worker's data key (`cli erase-worker`, docs/decisions/0231-erase-worker.md):
 * from then on the worker's personal fields read as erased everywhere. It names the pseudonym only,
 * never what was erased.
 */
export type WorkerPersonalDataErased = DomainEvent<
  'WorkerPersonalDataErased',
  { workerRef: string }
> & { readonly schemaVersion: 1 };

export type PersonalDataEvent = WorkerPersonalDataErased;
export const PERSONAL_DATA_EVENT_TYPES: readonly PersonalDataEvent['type'][] = [
  'WorkerPersonalDataErased',
];

/** One stream per erased worker: `personal-data-<workerRef>`. */
export const PERSONAL_DATA_STREAM_PREFIX = 'personal-data-';
export const personalDataStreamName = (workerRef: string): string =>
  `${PERSONAL_DATA_STREAM_PREFIX}${workerRef}`;
