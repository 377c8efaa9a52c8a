import { MerchantContext } from './create-payment.command';
import { ApiError, invalidRequest, notFound } from '../../shared/api-error';
import { PaymentDecisionError } from '../domain/payment.errors';

export const toApiError = (error: PaymentDecisionError): ApiError =>
  'param' in error ? invalidRequest(error.code, error.message, error.param) : invalidRequest(error.code, error.message);

export const paymentNotFound = (id: string): ApiError => notFound('payment', id);

// A merchant must not learn whether another merchant's payment id exists: same answer as missing.
// A test key never reaches live money, nor a live key test objects.
export const ownedBy = <T extends { merchantId: string; livemode: boolean }>(resource: T | null, merchant: MerchantContext): T | null =>
  resource && resource.merchantId === merchant.merchantId && resource.livemode === merchant.livemode ? resource : null;
