// Settlement dates are UTC calendar days, written YYYY-MM-DD (API, documents) or YYYYMMDD (task names).
export const DAY_MS = 86_400_000;

export const settlementDateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const isSettlementDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && settlementDateOf(Date.parse(`${value}T00:00:00Z`)) === value;

export const startOfDayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * What the scheduled run of `date` pays out: funds available before that day began (UTC), so the run
 * at 02:00 pays a closed day, whatever time its task happens to run (and a capture of the morning is
 * never raced by the schedule); never funds not yet available now.
 */
export const scheduledCutoffMs = (date: string, nowMs: number): number => Math.min(nowMs, startOfDayMs(date));

/** The test helper's run of `date`: funds available by the end of that day, at most now. */
export const onDemandCutoffMs = (date: string, nowMs: number): number => Math.min(nowMs, startOfDayMs(date) + DAY_MS - 1);

export const compactDate = (date: string): string => date.replaceAll('-', '');

export const modeName = (livemode: boolean): 'live' | 'test' => (livemode ? 'live' : 'test');

/** The id of a per-merchant-and-mode document (settings, balance summary): test and live never share one. */
export const merchantModeId = (merchantId: string, livemode: boolean): string => `${merchantId}_${modeName(livemode)}`;

/** settlements/<merchantId>_<mode>_<yyyymmdd>: created once per run, the run's idempotency. */
export const settlementId = (merchantId: string, livemode: boolean, date: string): string => `${merchantModeId(merchantId, livemode)}_${compactDate(date)}`;

/** The named task of one merchant's run: Cloud Tasks refuses a second task of the same name. */
export const settleTaskName = (merchantId: string, livemode: boolean, date: string): string => `settle-${merchantId}-${modeName(livemode)}-${compactDate(date)}`;

export const submitTaskName = (payoutId: string): string => `submit-payout-${payoutId}`;
