import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFileKeyEncryptionService } from '../adapters/key-encryption.local-file';
import { DecryptionFailedError, openFields, sealFields } from './personal-data.cipher';

let dir: string;
let kek: LocalFileKeyEncryptionService;
const fields = { 'owner_0.date_of_birth': '1980-02-29', 'owner_0.address': '1 Main St, London', 'owner_0.id_document_token': 'doc_tok_123' };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kek-'));
  kek = new LocalFileKeyEncryptionService(path.join(dir, 'nested', 'kek.key'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('envelope encryption of personal data', () => {
  it('round-trips every field and stores none of them in clear', async () => {
    const sealed = await sealFields(kek, 'kyb_1', fields);
    expect(JSON.stringify(sealed)).not.toMatch(/1980|Main St|doc_tok_123/);
    expect(await openFields(kek, 'kyb_1', sealed)).toEqual(fields);
  });

  it('uses a fresh data key per record', async () => {
    const [a, b] = [await sealFields(kek, 'kyb_1', fields), await sealFields(kek, 'kyb_1', fields)];
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
  });

  it('detects a tampered ciphertext', async () => {
    const sealed = await sealFields(kek, 'kyb_1', fields);
    const field = sealed.fields['owner_0.date_of_birth'];
    const flipped = Buffer.from(field.ciphertext, 'base64');
    flipped[0] ^= 1;
    const tampered = { ...sealed, fields: { ...sealed.fields, 'owner_0.date_of_birth': { ...field, ciphertext: flipped.toString('base64') } } };
    await expect(openFields(kek, 'kyb_1', tampered)).rejects.toBeInstanceOf(DecryptionFailedError);
  });

  it('refuses an authentication tag cut short (GCM would accept a forgeable 4-byte tag) in a field and in a wrapped data key', async () => {
    const sealed = await sealFields(kek, 'kyb_1', fields);
    const field = sealed.fields['owner_0.date_of_birth'];
    const short = { ...field, tag: Buffer.from(field.tag, 'base64').subarray(0, 4).toString('base64') };
    await expect(openFields(kek, 'kyb_1', { ...sealed, fields: { 'owner_0.date_of_birth': short } })).rejects.toBeInstanceOf(DecryptionFailedError);
    const wrapped = Buffer.from(sealed.wrappedKey, 'base64');
    const shortWrapped = Buffer.concat([wrapped.subarray(0, 16), wrapped.subarray(28)]); // iv | 4 tag bytes | key
    await expect(kek.unwrap(shortWrapped, kek.kekId)).rejects.toThrow();
  });

  it('refuses a field moved to another name or another record', async () => {
    const sealed = await sealFields(kek, 'kyb_1', fields);
    const swapped = { ...sealed, fields: { 'owner_0.address': sealed.fields['owner_0.date_of_birth'] } };
    await expect(openFields(kek, 'kyb_1', swapped)).rejects.toBeInstanceOf(DecryptionFailedError);
    await expect(openFields(kek, 'kyb_2', sealed)).rejects.toBeInstanceOf(DecryptionFailedError);
  });

  it('cannot be opened with another key-encryption key, and reuses its key file', async () => {
    const sealed = await sealFields(kek, 'kyb_1', fields);
    const other = new LocalFileKeyEncryptionService(path.join(dir, 'other.key'));
    await expect(openFields(other, 'kyb_1', sealed)).rejects.toBeInstanceOf(DecryptionFailedError);
    const reloaded = new LocalFileKeyEncryptionService(path.join(dir, 'nested', 'kek.key'));
    expect(await openFields(reloaded, 'kyb_1', sealed)).toEqual(fields);
    expect(readFileSync(path.join(dir, 'nested', 'kek.key'), 'utf8').trim()).toHaveLength(44);
  });
});
