import { apiError, ApiError } from '../../shared/api-error';
import { err, ok, Result } from '../../shared/result';
import { MerchantContext } from '../../shared/merchant-context';
import { hashApiKey, looksLikeSecretKey } from '../domain/api-key';
import { MerchantRepository } from './merchant.repository';

const unauthorized = (message: string): ApiError => apiError(401, 'authentication_error', 'invalid_api_key', message);

export async function authenticateMerchant(merchants: MerchantRepository, authorization: string | undefined): Promise<Result<MerchantContext, ApiError>> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return err(unauthorized('You did not provide an API key. Send it as `Authorization: Bearer sk_...`.'));
  const secretKey = match[1];
  // Malformed keys never reach the database.
  if (!looksLikeSecretKey(secretKey)) return err(unauthorized('Invalid API key provided.'));
  const record = await merchants.findApiKey(hashApiKey(secretKey));
  if (!record || record.revoked) return err(unauthorized('Invalid API key provided.'));
  return ok({ merchantId: record.merchantId, livemode: record.livemode });
}
