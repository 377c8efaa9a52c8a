import { MerchantContext } from '../../payments/application/create-payment.command';
import { PaymentRepository, PaymentsTransaction } from '../../payments/application/payment.repository';
import { apiError, errorBody } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { sha256Hex } from '../../shared/ids';
import { checkIdempotency, hashRequest, IDEMPOTENCY_TTL_MS } from '../application/idempotency';
import type { Reply } from './http-shell';

const MAX_KEY_LENGTH = 255;

// The idempotency record is written in the same transaction as the effect it remembers: either
// both exist or neither. Two concurrent requests with one key serialise on the record's document,
// and the loser's transaction retries, finds the winner's record and replays it.
export async function runIdempotent(
  deps: { payments: PaymentRepository; clock: Clock },
  request: { merchant: MerchantContext; key: string | undefined; method: string; path: string; body: unknown; execute: (tx: PaymentsTransaction) => Promise<Reply> },
): Promise<Reply> {
  const { key, merchant } = request;
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    const error = apiError(400, 'idempotency_error', 'idempotency_key_invalid', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`);
    return { status: 400, body: errorBody(error) };
  }
  if (key === undefined) return deps.payments.transaction((tx) => request.execute(tx));

  const keyHash = sha256Hex(`${merchant.livemode ? 'live' : 'test'}:${key}`);
  const requestHash = hashRequest(request.method, request.path, request.body);
  return deps.payments.transaction(async (tx) => {
    const nowMs = deps.clock.nowMs();
    const check = checkIdempotency(await tx.getIdempotencyRecord(merchant.merchantId, keyHash), requestHash, nowMs);
    if (check.kind === 'replay') return { status: check.status, body: check.body, replayed: true };
    if (check.kind === 'mismatch') {
      const error = apiError(400, 'idempotency_error', 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request.', 'Idempotency-Key');
      return { status: 400, body: errorBody(error) };
    }
    const reply = await request.execute(tx);
    tx.saveIdempotencyRecord({
      merchantId: merchant.merchantId,
      keyHash,
      requestHash,
      path: request.path,
      status: reply.status,
      body: reply.body,
      createdMs: nowMs,
      expiresMs: nowMs + IDEMPOTENCY_TTL_MS,
    });
    return reply;
  });
}
