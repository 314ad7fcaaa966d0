import {
  createHash,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '@app/shared-kernel';

/**
 * "The event at global position `position` has hash `hash`", signed at `at` with the service's
 * Ed25519 key (docs/audit/hash-chain.md §7). Kept outside the database, it anchors the chain's head:
 * a rewritten or cut-off log no longer matches it.
 */
export interface SignedCheckpoint {
  /** Global position, decimal string. */
  position: string;
  hash: string;
  /** ISO instant of signing. */
  at: string;
  /** Ed25519 signature of checkpointMessage(), base64. */
  signature: string;
  /** keyIdOf() the signing key's public half. */
  keyId: string;
}

export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'AuditCheckpointSigned';

/** The signed bytes: UTF-8 of the JCS of {at, hash, position}. */
export function checkpointMessage(
  checkpoint: Pick<SignedCheckpoint, 'position' | 'hash' | 'at'>,
): Buffer {
  return Buffer.from(
    canonicalJson({
      at: checkpoint.at,
      hash: checkpoint.hash,
      position: checkpoint.position,
    }),
    'utf8',
  );
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** First 16 hex digits of SHA-256 of the raw public key: names the key a checkpoint was signed with. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(rawPublicKey(publicKey))
    .digest('hex')
    .slice(0, 16);
}

export function isCheckpointSignatureValid(
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
): boolean {
  let signature: Buffer;
  try {
    signature = Buffer.from(checkpoint.signature, 'base64');
  } catch {
    return false;
  }
  if (signature.length !== 64) return false;
  return verify(null, checkpointMessage(checkpoint), publicKey, signature);
}

/** A PEM SPKI key, the JSON of GET /api/v1/audit/public-key, or the 32 raw bytes in base64. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('{')
    ? String(
        (JSON.parse(trimmed) as { publicKeyPem?: string }).publicKeyPem ?? '',
      )
    : trimmed;
  if (pem.includes('-----BEGIN PUBLIC KEY-----'))
    return assertEd25519(createPublicKey(pem));
  const raw = Buffer.from(trimmed, 'base64');
  if (raw.length !== 32)
    throw new Error('not a PEM Ed25519 public key nor 32 bytes in base64');
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function assertEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`a ${key.asymmetricKeyType} key is not an Ed25519 key`);
  return key;
}

/** Signs "the event at `position` has `hash`" at instant `at` (§7). */
export function signCheckpoint(
  privateKey: KeyObject,
  position: bigint,
  hash: string,
  at: string,
): SignedCheckpoint {
  const unsigned = { position: position.toString(), hash, at };
  return {
    ...unsigned,
    signature: sign(null, checkpointMessage(unsigned), privateKey).toString(
      'base64',
    ),
    keyId: keyIdOf(createPublicKey(privateKey)),
  };
}
