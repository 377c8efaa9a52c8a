import { apiError, ApiError } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { hashStaffKey, looksLikeStaffKey, StaffKeyRecord } from '../domain/staff-key';
import type { StaffRole } from '../domain/compliance-case';

/** Port: where staff keys are kept (by hash only). */
export interface StaffDirectory {
  findStaffKey(keyHash: string): Promise<StaffKeyRecord | null>;
  saveStaffKey(record: StaffKeyRecord): Promise<void>;
}

export interface StaffContext {
  readonly staffId: string;
  readonly role: StaffRole;
}

const unauthorized = (message: string): ApiError => apiError(401, 'authentication_error', 'invalid_api_key', message);

export async function authenticateStaff(directory: StaffDirectory, authorization: string | undefined): Promise<Result<StaffContext, ApiError>> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return err(unauthorized('Compliance endpoints need a staff key: `Authorization: Bearer sk_staff_...`.'));
  if (!looksLikeStaffKey(match[1])) return err(unauthorized('Compliance endpoints accept staff keys (sk_staff_...) only.'));
  const record = await directory.findStaffKey(hashStaffKey(match[1]));
  if (!record || record.revoked) return err(unauthorized('Invalid staff key provided.'));
  return ok({ staffId: record.staffId, role: record.role });
}
