import { z } from 'zod';
import { HttpRoute, matchPath } from '../../catalogue/function-catalogue';
import { ApiError, apiError } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';

// Path parameters become Firestore document ids. An id with a slash, a reserved `__name__` form, a
// dot path or 1,500 bytes would make the client library throw (a 500); each id is checked against
// the shape our ids have before anything is read, and an id of another shape cannot name anything: 404.
const idOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`));
// Case ids are derived from what they are about (`case_aml_<rule>_<customer>_<yyyy-mm-dd>`).
const CaseId = z.string().regex(/^case_[A-Za-z0-9_-]{1,200}$/);

/** The id shape for the collection a path parameter follows (`/v1/payments/{id}` → payments). */
const ID_BY_COLLECTION: Readonly<Record<string, { what: string; schema: z.ZodType<string> }>> = {
  payments: { what: 'payment', schema: idOf('pay') },
  reviews: { what: 'payment', schema: idOf('pay') },
  refunds: { what: 'refund', schema: idOf('re') },
  rules: { what: 'rule', schema: idOf('rule') },
  cases: { what: 'case', schema: CaseId },
  payouts: { what: 'payout', schema: idOf('po') },
  // `dp_<24 hex>`, derived from the processor's dispute id.
  disputes: { what: 'dispute', schema: idOf('dp') },
  // Derived from the journal that wrote them (`txn_cap_pay_…`, `txn_fxi_po_…_usd`).
  balance_transactions: { what: 'balance transaction', schema: z.string().regex(/^txn_[A-Za-z0-9_]{1,200}$/) },
  // `recrun_<mode>_<yyyymmdd>_<random>`.
  runs: { what: 'reconciliation run', schema: z.string().regex(/^recrun_[A-Za-z0-9_]{1,200}$/) },
  // `evt_<random>`, or derived from what they announce (`evt_po_…_paid`, `evt_pay_…_review_closed_fraud`).
  events: { what: 'event', schema: z.string().regex(/^evt_[A-Za-z0-9_]{1,200}$/) },
  webhook_endpoints: { what: 'webhook endpoint', schema: idOf('we') },
  // Firebase Auth uids (28 characters from the Auth service; up to 128 when set by an Admin SDK).
  members: { what: 'member', schema: z.string().regex(/^(?!__)[A-Za-z0-9_-]{1,128}$/) },
  invitations: { what: 'invitation', schema: idOf('inv') },
  api_keys: { what: 'api key', schema: idOf('key') },
  // A processor's name (`euro_acquirer`): the notification entrypoint checks it is one of ours.
  processors: { what: 'processor', schema: z.string().regex(/^[a-z][a-z_]{1,40}$/) },
  // The merchant's own customer reference.
  customers: { what: 'customer', schema: z.string().regex(/^(?!__)[A-Za-z0-9_-]{1,64}$/) },
};
const AnyId = { what: 'object', schema: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,199}$/) };

export function idSchemaFor(route: HttpRoute, param: string): { what: string; schema: z.ZodType<string> } {
  const segments = route.path.split('/');
  const collection = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
  return ID_BY_COLLECTION[collection] ?? AnyId;
}

/** The route's path parameters, or 404: the URL matches no route, or an id has a shape no object has. */
export function pathParams(route: HttpRoute, path: string, method: string): Result<Record<string, string>, ApiError> {
  const params = matchPath(route.path, path);
  if (!params) return err(apiError(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${method}: ${path}).`));
  for (const [name, value] of Object.entries(params)) {
    const { what, schema } = idSchemaFor(route, name);
    // The refused value is not echoed: it may be anything the caller sent.
    if (!schema.safeParse(value).success) return err(apiError(404, 'invalid_request_error', 'resource_missing', `No such ${what}: the ${name} is not a valid ${what} id.`, name));
  }
  return ok(params);
}
