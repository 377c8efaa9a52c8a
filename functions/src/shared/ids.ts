import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Rejection sampling keeps every character equally likely: ids double as unguessable secrets.
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export const newId = (prefix: string): string => `${prefix}_${randomToken(24)}`;

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
