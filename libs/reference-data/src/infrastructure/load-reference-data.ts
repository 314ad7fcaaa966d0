import { readFileSync } from 'node:fs';
import {
  DEFAULT_REFERENCE_DATA,
  ReferenceDataInvalidError,
  parseReferenceData,
  type ReferenceData,
} from '../domain/reference-data.js';

/** Environment variable naming the JSON override file; the app's config module reads it. */
export const REFERENCE_DATA_FILE_ENV = 'REFERENCE_DATA_FILE';

/**
 * Reads a JSON override (merged over the Xiangxiang defaults, see parseReferenceData); without a path
 * the defaults are used. Fails at boot with every problem listed, never later at request time.
 */
export function loadReferenceData(filePath?: string): ReferenceData {
  if (filePath === undefined || filePath.trim() === '')
    return DEFAULT_REFERENCE_DATA;
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new ReferenceDataInvalidError([
      {
        path: filePath,
        message: `cannot read the reference-data file: ${(error as Error).message}`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReferenceDataInvalidError([
      {
        path: filePath,
        message: `is not valid JSON: ${(error as Error).message}`,
      },
    ]);
  }
  return parseReferenceData(json);
}
