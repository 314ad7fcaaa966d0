import { SetMetadata } from '@nestjs/common';

export const READ_MODELS_KEY = 'read-models';

/**
 * The projectors (by name) whose read models a GET serves, on a controller or a handler: `?minPosition=`
 * waits only for these, so a parked projector does not hold up reads of the others
 * (docs/decisions/0102-isolated-projection-loops.md). `@ReadModels()` with no name: the route reads
 * the log itself and waits for nothing. Without the decorator a read waits for every projector.
 */
export const ReadModels = (...projectors: string[]) =>
  SetMetadata(READ_MODELS_KEY, projectors);
