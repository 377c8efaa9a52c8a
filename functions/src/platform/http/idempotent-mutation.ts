import { apiError, errorBody } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { sha256Hex } from '../../shared/ids';
import { MerchantContext } from '../../shared/merchant-context';
import { checkIdempotency, hashRequest, IDEMPOTENCY_TTL_MS, IdempotencyCheck, IdempotencyTransaction, TransactionRunner } from '../application/idempotency';
import type { Reply } from './http-shell';

const MAX_KEY_LENGTH = 255;

// The idempotency record is written in the same transaction as the effect it remembers: either
// both exist or neither. Two concurrent requests with one key serialise on the record's document,
// and the loser's transaction retries, finds the winner's record and replays it.
//
// `prepare` is what must happen once per request and outside the transaction body, which Firestore
// may run more than once (a KMS call, another store's own transaction, a named task): it runs
// before the transaction and its value is handed to `execute`. A request whose key already has a
// record is answered from it first, without preparing again.
export async function runIdempotent<Tx extends IdempotencyTransaction, P = undefined>(
  deps: { transactions: TransactionRunner<Tx>; clock: Clock },
  request: {
    merchant: MerchantContext;
    key: string | undefined;
    method: string;
    path: string;
    body: unknown;
    prepare?: () => Promise<P>;
    execute: (tx: Tx, prepared: P) => Promise<Reply>;
  },
): Promise<Reply> {
  const { key, merchant } = request;
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    const error = apiError(400, 'idempotency_error', 'idempotency_key_invalid', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`);
    return { status: 400, body: errorBody(error) };
  }
  const prepare = async (): Promise<P> => (request.prepare ? request.prepare() : (undefined as P));
  if (key === undefined) {
    const prepared = await prepare();
    return deps.transactions.transaction((tx) => request.execute(tx, prepared));
  }

  const keyHash = sha256Hex(`${merchant.livemode ? 'live' : 'test'}:${key}`);
  const requestHash = hashRequest(request.method, request.path, request.body);
  const answered = (check: IdempotencyCheck): Reply | null => {
    if (check.kind === 'replay') return { status: check.status, body: check.body, replayed: true };
    if (check.kind === 'mismatch') {
      const error = apiError(400, 'idempotency_error', 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request.', 'Idempotency-Key');
      return { status: 400, body: errorBody(error) };
    }
    return null;
  };
  if (request.prepare) {
    const earlier = await deps.transactions.transaction(async (tx) => checkIdempotency(await tx.getIdempotencyRecord(merchant.merchantId, keyHash), requestHash, deps.clock.nowMs()));
    const reply = answered(earlier);
    if (reply) return reply;
  }
  const prepared = await prepare();
  return deps.transactions.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const earlier = answered(checkIdempotency(await tx.getIdempotencyRecord(merchant.merchantId, keyHash), requestHash, nowMs));
    if (earlier) return earlier;
    const reply = await request.execute(tx, prepared);
    tx.saveIdempotencyRecord({
      merchantId: merchant.merchantId,
      keyHash,
      requestHash,
      path: request.path,
      status: reply.status,
      body: withoutSecret(reply.body),
      createdMs: nowMs,
      expiresMs: nowMs + IDEMPOTENCY_TTL_MS,
    });
    return reply;
  });
}

/**
 * A secret shown once (a webhook endpoint's signing secret on create and rotate) is never stored in clear,
 * not even in the idempotency record: a replay answers the same object without `secret`.
 */
export function withoutSecret(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('secret' in body)) return body;
  const { secret: _secret, ...rest } = body as Record<string, unknown>;
  return rest;
}
