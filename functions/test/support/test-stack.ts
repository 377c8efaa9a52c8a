import { startLocalStack, LocalStack } from '../../../infra/local/local-stack';
import { createMerchantWithKey } from '../../../infra/scripts/create-merchant';

export interface TestStack {
  stack: LocalStack;
  functionLogs: string[];
  newMerchant(name?: string): Promise<{ merchantId: string; secretKey: string }>;
}

// Each emulator test file starts its own stack on free ports and stops it afterwards.
// Every payment gate is on, as in production (PAYMENT_GATES unset), unless a test names the gates it
// wants: a gate's own tests (fraud-gate, compliance-gate) switch on just that gate.
export async function startTestStack(options: { processor?: { hangMs?: number; errorAttempts?: number }; gates?: string; identityVendor?: { hangMs?: number; errorAttempts?: number }; functionsEnv?: Record<string, string> } = {}): Promise<TestStack> {
  const functionLogs: string[] = [];
  // The functions inherit this process's environment: a PAYMENT_GATES left in the shell must not narrow the chain.
  if (options.gates === undefined) delete process.env.PAYMENT_GATES;
  const stack = await startLocalStack({
    ports: 'free',
    processor: options.processor ?? { hangMs: 2500, errorAttempts: 2 },
    identityVendor: options.identityVendor ?? { hangMs: 2500, errorAttempts: 2 },
    functionsEnv: { PROCESSOR_TIMEOUT_MS: '1000', IDENTITY_VENDOR_TIMEOUT_MS: '1000', ...(options.gates === undefined ? {} : { PAYMENT_GATES: options.gates }), ...options.functionsEnv },
    onFunctionsLog: (line) => functionLogs.push(line),
  });
  return { stack, functionLogs, newMerchant: (name = 'Test Merchant') => createMerchantWithKey(name) };
}
