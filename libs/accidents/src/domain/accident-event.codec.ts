import { defineEventCodec } from '@app/shared-kernel';
import type { AccidentEvent } from './accident.events.js';

/** How the Accidents context reads its stored events, whatever their schema version (docs/decisions/0103-event-codecs.md). */
export const ACCIDENT_EVENT_CODEC = defineEventCodec<AccidentEvent>({
  latest: { AccidentReported: 1, AccidentCasualtiesRevised: 1 },
});
