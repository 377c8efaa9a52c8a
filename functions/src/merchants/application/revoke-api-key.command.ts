import { hashApiKey } from '../domain/api-key';
import { MerchantRepository } from './merchant.repository';

export async function revokeApiKey(merchants: MerchantRepository, secretKey: string): Promise<boolean> {
  const record = await merchants.findApiKey(hashApiKey(secretKey));
  if (!record) return false;
  await merchants.saveApiKey({ ...record, revoked: true });
  return true;
}
