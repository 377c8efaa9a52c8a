import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealedEnvelope, SealedField } from '../domain/verification';
import { KeyEncryptionService } from './key-encryption.service';

// Envelope encryption: one random AES-256-GCM data key per record, wrapped by the key-encryption
// key; each field is sealed on its own with its name as associated data, so a ciphertext moved to
// another field (or record) fails authentication instead of decrypting as the wrong value.
const ALGORITHM = 'aes-256-gcm';
// Pinned on decrypt: without it GCM accepts a tag cut to 4 bytes, and a 32-bit tag can be forged
// by trying. Sealing always writes the full 16 bytes and a 12-byte IV.
const TAG_BYTES = 16;
const IV_BYTES = 12;

export class DecryptionFailedError extends Error {}

export async function sealFields(kek: KeyEncryptionService, recordId: string, fields: Readonly<Record<string, string>>): Promise<SealedEnvelope> {
  const dataKey = randomBytes(32);
  try {
    const sealed: Record<string, SealedField> = {};
    for (const [name, value] of Object.entries(fields)) sealed[name] = sealOne(dataKey, `${recordId}/${name}`, value);
    const wrappedKey = await kek.wrap(dataKey);
    return { kekId: kek.kekId, wrappedKey: wrappedKey.toString('base64'), fields: sealed };
  } finally {
    dataKey.fill(0);
  }
}

export async function openFields(kek: KeyEncryptionService, recordId: string, envelope: SealedEnvelope): Promise<Record<string, string>> {
  let dataKey: Buffer;
  try {
    dataKey = await kek.unwrap(Buffer.from(envelope.wrappedKey, 'base64'), envelope.kekId);
  } catch (cause) {
    throw new DecryptionFailedError(`data key could not be unwrapped: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  try {
    const out: Record<string, string> = {};
    for (const [name, field] of Object.entries(envelope.fields)) out[name] = openOne(dataKey, `${recordId}/${name}`, field);
    return out;
  } finally {
    dataKey.fill(0);
  }
}

function sealOne(key: Buffer, aad: string, value: string): SealedField {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function openOne(key: Buffer, aad: string, field: SealedField): string {
  try {
    const iv = Buffer.from(field.iv, 'base64');
    const tag = Buffer.from(field.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed field');
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(field.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionFailedError(`field ${aad} failed authentication`);
  }
}
