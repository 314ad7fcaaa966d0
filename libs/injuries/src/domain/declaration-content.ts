import { canonicalJson } from '@app/shared-kernel';
import {
  DECLARATION_CONTENT_FIELDS,
  type DeclarationChanges,
  type DeclarationContent,
} from './injury-case.events.js';

/** Declared fields by name, before they are known to make a whole DeclarationContent. */
type ContentFields = { [K in keyof DeclarationContent]?: unknown };

/**
 * Content without absent fields: `undefined` and `null` both mean "not declared", so a record that
 * sends `disabilityGrade: null` and one that omits it are the same content.
 */
export function normaliseContent(
  content: DeclarationContent,
): DeclarationContent {
  return presentFields(content) as DeclarationContent;
}

function presentFields(content: ContentFields): ContentFields {
  const out: ContentFields = {};
  for (const field of DECLARATION_CONTENT_FIELDS) {
    const value = content[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

/** The fields of `next` that differ from `current`; a field dropped by `next` is reported as null. */
export function diffContent(
  current: DeclarationContent,
  next: DeclarationContent,
): DeclarationChanges {
  const a = presentFields(current);
  const b = presentFields(next);
  const changes: ContentFields = {};
  for (const field of DECLARATION_CONTENT_FIELDS) {
    if (canonicalJson(a[field]) !== canonicalJson(b[field])) {
      changes[field] = b[field] === undefined ? null : b[field];
    }
  }
  return changes as DeclarationChanges;
}

export function applyChanges(
  current: DeclarationContent,
  changes: DeclarationChanges,
): DeclarationContent {
  const merged: ContentFields = { ...current };
  for (const field of DECLARATION_CONTENT_FIELDS) {
    if (!(field in changes)) continue;
    const value = changes[field];
    if (value === null || value === undefined) delete merged[field];
    else merged[field] = value;
  }
  return presentFields(merged) as DeclarationContent;
}
