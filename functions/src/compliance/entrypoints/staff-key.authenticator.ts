import { bearerAuthenticator, type Authenticator } from '../../platform/http/authenticator';
import { authenticateStaff, type StaffContext, type StaffDirectory } from '../application/authenticate-staff.query';

/** `auth: 'staff_key'`: a compliance officer's sk_staff_ key; merchant keys are refused (401). */
export const staffKeyAuthenticator = (staff: StaffDirectory): Authenticator<StaffContext> =>
  bearerAuthenticator('staff_key', (authorization) => authenticateStaff(staff, authorization));
