// The error object merchants see. Codes are stable API surface: never rename one.
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'idempotency_error'
  | 'card_error'
  | 'api_error'
  | 'rate_limit_error'
  | 'permission_error';

export interface ApiError {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly code: string;
  readonly message: string;
  readonly param?: string;
  /** For 429: seconds until a retry can succeed, sent as the Retry-After header. */
  readonly retryAfterSeconds?: number;
}

export const apiError = (status: number, type: ApiErrorType, code: string, message: string, param?: string): ApiError =>
  param === undefined ? { status, type, code, message } : { status, type, code, message, param };

export const invalidRequest = (code: string, message: string, param?: string): ApiError =>
  apiError(400, 'invalid_request_error', code, message, param);

export const notFound = (what: string, id: string): ApiError =>
  apiError(404, 'invalid_request_error', 'resource_missing', `No such ${what}: '${id}'`, 'id');

export const rateLimited = (code: string, message: string, retryAfterSeconds: number): ApiError => ({
  status: 429, type: 'rate_limit_error', code, message, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
});

export const errorBody = (error: ApiError) => ({
  error: { type: error.type, code: error.code, message: error.message, param: error.param ?? null },
});
