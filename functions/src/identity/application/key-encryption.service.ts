// Port: wraps and unwraps data keys with a key-encryption key that never leaves its keeper
// (Cloud KMS in production, a key file in development).
export interface KeyEncryptionService {
  /** Identifies the key-encryption key (and version) that wrapped a data key, stored with it. */
  readonly kekId: string;
  wrap(dataKey: Buffer): Promise<Buffer>;
  unwrap(wrappedKey: Buffer, kekId: string): Promise<Buffer>;
}
