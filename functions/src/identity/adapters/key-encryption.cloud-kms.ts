import { KeyManagementServiceClient } from '@google-cloud/kms';
import { KeyEncryptionService } from '../application/key-encryption.service';

// Production: data keys are wrapped by a Cloud KMS symmetric key; the key material never leaves
// KMS. KMS picks the primary version on encrypt and finds the right one on decrypt by itself.
export class CloudKmsKeyEncryptionService implements KeyEncryptionService {
  constructor(
    /** projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k> */
    readonly kekId: string,
    private readonly client = new KeyManagementServiceClient(),
  ) {}

  async wrap(dataKey: Buffer): Promise<Buffer> {
    const [response] = await this.client.encrypt({ name: this.kekId, plaintext: dataKey });
    if (!response.ciphertext) throw new Error('Cloud KMS returned no ciphertext');
    return Buffer.from(response.ciphertext as Uint8Array);
  }

  async unwrap(wrappedKey: Buffer, kekId: string): Promise<Buffer> {
    const [response] = await this.client.decrypt({ name: kekId, ciphertext: wrappedKey });
    if (!response.plaintext) throw new Error('Cloud KMS returned no plaintext');
    return Buffer.from(response.plaintext as Uint8Array);
  }
}
