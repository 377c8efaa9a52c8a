// The fraud reviews read the payments held for review through the payments context's own query
// port: only payments knows how its documents are stored.
export type { HeldPaymentsReader as ReviewsReader } from '../../payments/application/held-payments.reader';
