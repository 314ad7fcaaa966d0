import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '@app/app-config';
import { keyIdOf, rawPublicKey } from '../domain/signed-checkpoint.js';

export const AUDIT_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * The Ed25519 key that signs checkpoints: AUDIT_SIGNING_KEY, else the file AUDIT_SIGNING_KEY_FILE, else
 * DATA_DIR/audit-signing-key.pem; a file that does not exist is generated once (mode 0600) like the
 * worker-ref secret. Loaded on first use, so a process that never signs or publishes never touches it.
 */
export class AuditSigningKey {
  private loaded?: { privateKey: KeyObject; publicKey: KeyObject };

  constructor(private readonly config: Pick<AppConfig, 'dataDir' | 'audit'>) {}

  get privateKey(): KeyObject {
    return this.load().privateKey;
  }

  get publicKey(): KeyObject {
    return this.load().publicKey;
  }

  /** What GET /api/v1/audit/public-key publishes. */
  describe(): {
    algorithm: 'Ed25519';
    keyId: string;
    publicKeyPem: string;
    publicKeyBase64: string;
  } {
    const { publicKey } = this.load();
    return {
      algorithm: 'Ed25519',
      keyId: keyIdOf(publicKey),
      publicKeyPem: publicKey
        .export({ format: 'pem', type: 'spki' })
        .toString(),
      publicKeyBase64: rawPublicKey(publicKey).toString('base64'),
    };
  }

  private load(): { privateKey: KeyObject; publicKey: KeyObject } {
    if (this.loaded) return this.loaded;
    const pem =
      this.config.audit.signingKeyPem ?? readFileSync(this.keyFile(), 'utf8');
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(
        `the audit signing key is a ${privateKey.asymmetricKeyType} key; checkpoints need an Ed25519 key`,
      );
    }
    this.loaded = { privateKey, publicKey: createPublicKey(privateKey) };
    return this.loaded;
  }

  private keyFile(): string {
    // A named file that does not exist yet is created there, so processes sharing it share one key.
    const file =
      this.config.audit.signingKeyFile ??
      join(this.config.dataDir, AUDIT_SIGNING_KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(
          file,
          privateKey.export({ format: 'pem', type: 'pkcs8' }),
          { mode: 0o600, flag: 'wx' },
        );
      } catch (error) {
        // Another process created it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return file;
  }
}
