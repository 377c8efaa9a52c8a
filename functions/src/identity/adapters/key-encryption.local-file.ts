import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KeyEncryptionService } from '../application/key-encryption.service';

// Development only: the key-encryption key is a random 32-byte key in a file (created on first use,
// mode 0600, under .local/ which git ignores). Data keys are wrapped with AES-256-GCM.
export class LocalFileKeyEncryptionService implements KeyEncryptionService {
  readonly kekId: string;
  private readonly kek: Buffer;

  constructor(keyPath: string) {
    this.kek = loadOrCreate(keyPath);
    this.kekId = `local:${createHash('sha256').update(this.kek).digest('hex').slice(0, 16)}`;
  }

  async wrap(dataKey: Buffer): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek, iv);
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
  }

  async unwrap(wrappedKey: Buffer, kekId: string): Promise<Buffer> {
    if (kekId !== this.kekId) throw new Error(`data key was wrapped by ${kekId}, this is ${this.kekId}`);
    // Fixed layout iv(12) | tag(16) | key(32); the tag length is pinned so a short tag cannot pass.
    if (wrappedKey.length !== 12 + 16 + 32) throw new Error('wrapped data key has the wrong length');
    const decipher = createDecipheriv('aes-256-gcm', this.kek, wrappedKey.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(wrappedKey.subarray(12, 28));
    return Buffer.concat([decipher.update(wrappedKey.subarray(28)), decipher.final()]);
  }
}

function loadOrCreate(keyPath: string): Buffer {
  try {
    const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte base64 key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(keyPath), { recursive: true });
  const key = randomBytes(32);
  // Written whole under a name of this process's own, then linked into place: link is atomic and
  // fails if the key exists, so another process (the local runtime runs several workers) never reads
  // a half-written key, and a key created meanwhile by another process is used rather than overwritten.
  const draft = `${keyPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, keyPath);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreate(keyPath);
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
