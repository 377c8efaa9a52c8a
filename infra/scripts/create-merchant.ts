import { parseArgs } from 'node:util';
import { FirestoreMerchantRepository } from '../../functions/src/merchants/adapters/merchant.firestore-repository';
import { createMerchant } from '../../functions/src/merchants/application/create-merchant.command';
import { firestore } from '../../functions/src/platform/adapters/firestore-client';
import { systemClock } from '../../functions/src/shared/clock';
import { portsFromFirebaseJson } from '../local/local-ports';

// `npm run merchant:create -- --name "Acme"`: against the local stack unless FIRESTORE_EMULATOR_HOST
// (or real credentials) say otherwise. The key is printed once and never stored in clear.
export async function createMerchantWithKey(name: string, livemode = false): Promise<{ merchantId: string; secretKey: string }> {
  const { merchant, secretKey } = await createMerchant({ merchants: new FirestoreMerchantRepository(firestore()), clock: systemClock }, { name, livemode });
  return { merchantId: merchant.id, secretKey };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, live: { type: 'boolean', default: false } } });
  if (!values.name) {
    process.stderr.write('usage: npm run merchant:create -- --name "Acme" [--live]\n');
    process.exit(2);
  }
  process.env.GCLOUD_PROJECT ??= 'demo-payments';
  process.env.FIRESTORE_EMULATOR_HOST ??= `127.0.0.1:${portsFromFirebaseJson().firestore}`;
  const { merchantId, secretKey } = await createMerchantWithKey(values.name, values.live);
  process.stdout.write(`merchant ${merchantId} created\nsecret key (shown once): ${secretKey}\n`);
  process.exit(0);
}

if (require.main === module) void main();
