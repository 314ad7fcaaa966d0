import {
  chainedEnvelope,
  type HashedPositionRule,
  type StoredEvent,
} from '@app/event-store';
import type { SignedCheckpoint } from './signed-checkpoint.js';

/** docs/audit/hash-chain.md §6: the first line of every export. */
export const EXPORT_FORMAT = 'wss-audit-export';
export const EXPORT_FORMAT_VERSION = 1;

export type ExportBackend = 'sqlite' | 'postgres' | 'kurrentdb';

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  formatVersion: typeof EXPORT_FORMAT_VERSION;
  backend: ExportBackend;
  hashAlgorithm: string;
  hashedPosition: HashedPositionRule;
  genesisHash: string;
  scope: 'log' | 'stream';
  /** Only for scope "stream". */
  streamName?: string;
  /** Global positions of the first and last event lines (decimal strings); null when empty. */
  firstPosition: string | null;
  lastPosition: string | null;
  eventCount: number;
  /** Hash of the last event line; null when empty. */
  headHash: string | null;
  /** The newest signed checkpoint at or before lastPosition, null when none has been signed yet. */
  latestCheckpoint: SignedCheckpoint | null;
  exportedAt: string;
  /** What a successful verification of this export establishes, in plain words. */
  proves: string;
}

export const LOG_EXPORT_PROVES =
  'Every event from the first to lastPosition is present, in order, unaltered relative to its neighbours, ' +
  'and the chain ends at headHash. Against signed checkpoints kept apart from the service it also proves ' +
  'that no event up to the newest checkpoint was rewritten, removed or cut off. It cannot prove that events ' +
  'after the newest checkpoint were not rewritten, nor that the events tell the truth about the world.';

export const STREAM_EXPORT_PROVES =
  'One stream only: each event matches its own hash (computed with its predecessor in the whole log, prevHash), ' +
  'and stream positions run 0, 1, 2… without a gap. It cannot prove that prevHash belongs to a real event ' +
  'of the log, nor that the stream has no later events: verify an export of the whole log for that.';

export function hashedPositionRule(backend: ExportBackend): HashedPositionRule {
  return backend === 'kurrentdb' ? 'zero' : 'global-position';
}

/** One stored event as an export line: every envelope member, prevHash and hash; positions as strings. */
export function exportLine(event: StoredEvent): string {
  return `${JSON.stringify(chainedEnvelope(event))}\n`;
}
