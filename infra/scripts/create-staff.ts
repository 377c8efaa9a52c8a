import { parseArgs } from 'node:util';
import { FirestoreStaffDirectory } from '../../functions/src/compliance/adapters/staff-directory.firestore';
import { generateStaffKey, newStaffKeyRecord } from '../../functions/src/compliance/domain/staff-key';
import { firestore } from '../../functions/src/platform/adapters/firestore-client';
import { systemClock } from '../../functions/src/shared/clock';
import type { StaffRole } from '../../functions/src/compliance/domain/compliance-case';
import { portsFromFirebaseJson } from '../local/local-ports';

// `npm run staff:create -- --id ria@bank.example [--role supervisor]`: a compliance staff key (sk_staff_...) for the
// cases and audit-log API. Printed once; only its hash is stored.
export async function createStaffKey(staffId: string, role: StaffRole = 'analyst'): Promise<string> {
  const key = generateStaffKey();
  await new FirestoreStaffDirectory(firestore()).saveStaffKey(newStaffKeyRecord(key, staffId, systemClock.nowMs(), role));
  return key;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { id: { type: 'string' }, role: { type: 'string', default: 'analyst' } } });
  if (!values.id || (values.role !== 'analyst' && values.role !== 'supervisor')) {
    process.stderr.write('usage: npm run staff:create -- --id ria@bank.example [--role analyst|supervisor]\n');
    process.exit(2);
  }
  process.env.GCLOUD_PROJECT ??= 'demo-payments';
  process.env.FIRESTORE_EMULATOR_HOST ??= `127.0.0.1:${portsFromFirebaseJson().firestore}`;
  const key = await createStaffKey(values.id, values.role);
  process.stdout.write(`staff key for ${values.id} (shown once): ${key}\n`);
  process.exit(0);
}

if (require.main === module) void main();
