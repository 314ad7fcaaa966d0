import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkpointMessage,
  isCheckpointSignatureValid,
  keyIdOf,
  parsePublicKey,
  type SignedCheckpoint,
} from './signed-checkpoint.js';

function block(tag: string): string {
  const text = readFileSync(
    join(process.cwd(), 'docs/audit/hash-chain.md'),
    'utf8',
  );
  const match = new RegExp(
    `^\`\`\`\\w+ ${tag}[^\\n]*\\n([\\s\\S]*?)\\n\`\`\`$`,
    'm',
  ).exec(text);
  if (!match) throw new Error(`no block ${tag} in docs/audit/hash-chain.md`);
  return match[1];
}

describe('signed checkpoints (docs/audit/hash-chain.md §7, example 4)', () => {
  const publicKey = parsePublicKey(block('example-4-public-key'));
  const checkpoint = JSON.parse(
    block('example-4-checkpoint'),
  ) as SignedCheckpoint;

  it('signs the JCS of {at, hash, position}', () => {
    expect(checkpointMessage(checkpoint).toString('utf8')).toBe(
      '{"at":"2026-03-02T08:10:00.000Z","hash":"2303fe33310c5b51519b0bb40f68eef5157f0a1b2bae1f84e27e4820192eba3c","position":"2"}',
    );
  });

  it('verifies the documented signature and key id with the documented public key', () => {
    expect(keyIdOf(publicKey)).toBe(checkpoint.keyId);
    expect(isCheckpointSignatureValid(checkpoint, publicKey)).toBe(true);
  });

  it('refuses the signature once position, hash or instant changes', () => {
    expect(
      isCheckpointSignatureValid({ ...checkpoint, position: '3' }, publicKey),
    ).toBe(false);
    expect(
      isCheckpointSignatureValid(
        { ...checkpoint, hash: checkpoint.hash.replace(/^2/, '3') },
        publicKey,
      ),
    ).toBe(false);
    expect(
      isCheckpointSignatureValid(
        { ...checkpoint, at: '2026-03-02T08:10:00.001Z' },
        publicKey,
      ),
    ).toBe(false);
    expect(
      isCheckpointSignatureValid(
        { ...checkpoint, signature: 'not base64 of 64 bytes' },
        publicKey,
      ),
    ).toBe(false);
  });

  it('reads the key as PEM or as its 32 raw bytes in base64', () => {
    const raw = parsePublicKey('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
    expect(keyIdOf(raw)).toBe(checkpoint.keyId);
  });
});
