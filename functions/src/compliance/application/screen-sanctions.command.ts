import type { MerchantContext } from '../../payments/application/create-payment.command';
import type { RateLimiter } from '../../platform/application/rate-limiter';
import { ApiError, rateLimited } from '../../shared/api-error';
import { keyedHash } from '../../shared/keyed-hash';
import { err, ok, Result } from '../../shared/result';
import { auditEntry, AuditEntry } from '../domain/audit-entry';
import type { ScreenNameError, ScreenNameResult } from './screen-name.query';

// POST /v1/sanctions/screen must be no free oracle: each merchant and mode has a budget, and every
// accepted call leaves an audit entry (who asked, a keyed hash of the name, what was answered).

export interface ScreenSanctionsLimits {
  readonly perMerchant: number;
  readonly windowMs: number;
}

/** 60 screenings a minute per merchant and mode. */
export const DEFAULT_SCREEN_LIMITS: ScreenSanctionsLimits = { perMerchant: 60, windowMs: 60_000 };

/** Takes one unit of the merchant's budget for its mode; refused: 429 rate_limit_error with Retry-After. */
export async function admitScreening(deps: { rateLimiter: RateLimiter; limits: ScreenSanctionsLimits }, merchant: MerchantContext, nowMs: number): Promise<Result<void, ApiError>> {
  const mode = merchant.livemode ? 'live' : 'test';
  const decision = await deps.rateLimiter.take([{ key: `sanctions_screen_${mode}_${merchant.merchantId}`, limit: deps.limits.perMerchant, windowMs: deps.limits.windowMs }], nowMs);
  if (decision.allowed) return ok(undefined);
  return err(rateLimited('rate_limited', 'Too many sanctions screenings; try again later.', decision.retryAfterMs / 1000));
}

/** The audit entry of one accepted screening: the name only as a keyed hash of its trimmed, lower-cased form. */
export function screeningAuditEntry(
  merchant: MerchantContext,
  request: { readonly name: string; readonly type?: string },
  result: Result<ScreenNameResult, ScreenNameError>,
  nowMs: number,
): AuditEntry {
  const outcome = !result.ok ? 'list_unavailable' : result.value.matches.some((m) => m.strength === 'strong') ? 'strong_match' : result.value.matches.length > 0 ? 'weak_match' : 'no_match';
  return auditEntry(
    {
      actor: `merchant:${merchant.merchantId}`,
      action: 'sanctions.name_screened',
      subject: `merchants/${merchant.merchantId}`,
      reason: `Name screened through the API: ${outcome.replace('_', ' ')}.`,
      details: {
        livemode: merchant.livemode,
        nameHash: keyedHash('sanctions-screen-name', request.name.trim().toLowerCase()),
        type: request.type ?? null,
        outcome,
        matchCount: result.ok ? result.value.matches.length : 0,
        listVersion: result.ok ? result.value.listVersion : null,
      },
    },
    nowMs,
  );
}
