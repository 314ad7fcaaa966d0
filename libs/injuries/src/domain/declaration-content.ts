import { canonicalJson } from '@app/shared-kernel';
import { DECLARATION_CONTENT_FIELDS, type DeclarationChanges, type DeclarationContent } from './injury-case.events.js';

/**
 * Content without absent fields: `undefined` and `null` both mean "not declared", so a record that
 * sends `disabilityGrade: null` and one that omits it are the same content.
 */
export function normaliseContent(content: DeclarationContent): DeclarationContent {
  const out: Record<string, unknown> = {};
  for (const field of DECLARATION_CONTENT_FIELDS) {
    const value = content[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out as unknown as DeclarationContent;
}

/** The fields of `next` that differ from `current`; a field dropped by `next` is reported as null. */
export function diffContent(current: DeclarationContent, next: DeclarationContent): DeclarationChanges {
  const a = normaliseContent(current) as unknown as Record<string, unknown>;
  const b = normaliseContent(next) as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const field of DECLARATION_CONTENT_FIELDS) {
    if (canonicalJson(a[field]) !== canonicalJson(b[field])) {
      changes[field] = b[field] === undefined ? null : b[field];
    }
  }
  return changes as DeclarationChanges;
}

export function applyChanges(current: DeclarationContent, changes: DeclarationChanges): DeclarationContent {
  const merged: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete merged[field];
    else merged[field] = value;
  }
  return normaliseContent(merged as unknown as DeclarationContent);
}
