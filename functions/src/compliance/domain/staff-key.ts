import { randomToken, sha256Hex } from '../../shared/ids';
import type { StaffRole } from './compliance-case';

// Compliance staff authenticate with their own key type. It is not a merchant key with a flag:
// the merchant authenticator's format check refuses `sk_staff_` outright, so no merchant key can
// ever reach a case, and no staff key can ever create a payment.
const STAFF_KEY_FORMAT = /^sk_staff_[0-9A-Za-z]{32}$/;

export interface StaffKeyRecord {
  readonly keyHash: string;
  /** Who the key belongs to, e.g. an email; recorded as the actor of every action. */
  readonly staffId: string;
  /** analyst (works cases, proposes reports) or supervisor (also approves another's report). */
  readonly role: StaffRole;
  readonly prefix: string;
  readonly revoked: boolean;
  readonly createdMs: number;
}

export const generateStaffKey = (): string => `sk_staff_${randomToken(32)}`;
export const looksLikeStaffKey = (value: string): boolean => STAFF_KEY_FORMAT.test(value);
export const hashStaffKey = (key: string): string => sha256Hex(key);

export const newStaffKeyRecord = (key: string, staffId: string, nowMs: number, role: StaffRole = 'analyst'): StaffKeyRecord => ({
  keyHash: hashStaffKey(key),
  staffId,
  role,
  prefix: key.slice(0, 13),
  revoked: false,
  createdMs: nowMs,
});
