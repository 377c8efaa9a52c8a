/**
 * What one payment's operations cost at Google Cloud list prices (USD, Tier 1 region, free tiers left
 * out). Read from the vendors' pricing pages on 2026-11-28; the bench writes them into latest.json with
 * every cost it prints.
 */
export const GCP_LIST_PRICES = {
  firestoreReadPer100k: 0.06,
  firestoreWritePer100k: 0.18,
  pubsubThroughputPerTiB: 40,
  pubsubMinBytesPerRequest: 1_000,
  cloudTasksPerMillionOperations: 0.4,
  functionsRequestsPerMillion: 0.4,
  functionsCpuPerVcpuSecond: 0.000024,
  functionsMemoryPerGiBSecond: 0.0000025,
  /** Terraform's default per function (terraform/variables.tf function_memory = 256M), which Cloud Run functions pairs with 0.167 vCPU. */
  functionMemoryGiB: 0.25,
  functionVcpu: 0.167,
  /** Cloud Run bills instance time rounded up to the nearest 100 ms; with concurrency 1 (the functions' default) that is per invocation. */
  billedDurationStepMs: 100,
  sources: {
    firestore: 'https://cloud.google.com/firestore/pricing (document reads $0.06 / 100,000, writes $0.18 / 100,000; multi-region nam5 list price)',
    pubsub: 'https://cloud.google.com/pubsub/pricing ($40 / TiB of publish and delivery throughput, at least 1,000 bytes per publish, push or pull request)',
    cloudTasks: 'https://cloud.google.com/tasks/pricing ($0.40 / million billable operations; an API call or a push delivery attempt is one)',
    functions: 'https://cloud.google.com/run/pricing (Cloud Run functions, request-based billing, Tier 1: $0.000024 / vCPU-second, $0.0000025 / GiB-second, $0.40 / million requests; rounded up to 100 ms) and https://cloud.google.com/functions/docs/configuring/memory (256 MiB = 0.167 vCPU)',
  },
} as const;

export type Prices = typeof GCP_LIST_PRICES;

/** Operations per succeeded payment, as counted in a bench run. */
export interface OperationsPerPayment {
  documentReads: number;
  documentWrites: number;
  pubsubMessagesPublished: number;
  /** Publish and delivery bytes as billed (the 1,000-byte minimum per request applied). */
  pubsubBillableBytes: number;
  /** Cloud Tasks API calls (CreateTask) and dispatch attempts. */
  cloudTasksOperations: number;
  functionInvocations: number;
  /** Σ over the invocations of their duration rounded up to the billing step, in seconds. */
  functionBilledSeconds: number;
}

export interface CostPer1000 {
  firestoreReads: number;
  firestoreWrites: number;
  pubsub: number;
  cloudTasks: number;
  functionRequests: number;
  functionCompute: number;
  total: number;
}

const TIB = 2 ** 40;

export function billedSeconds(durationsMs: readonly number[], prices: Prices = GCP_LIST_PRICES): number {
  return durationsMs.reduce((sum, ms) => sum + (Math.max(1, Math.ceil(ms / prices.billedDurationStepMs)) * prices.billedDurationStepMs) / 1000, 0);
}

export function costPer1000Payments(ops: OperationsPerPayment, prices: Prices = GCP_LIST_PRICES): CostPer1000 {
  const per1000 = (perPayment: number) => perPayment * 1000;
  const cost: Omit<CostPer1000, 'total'> = {
    firestoreReads: per1000((ops.documentReads * prices.firestoreReadPer100k) / 100_000),
    firestoreWrites: per1000((ops.documentWrites * prices.firestoreWritePer100k) / 100_000),
    pubsub: per1000((ops.pubsubBillableBytes / TIB) * prices.pubsubThroughputPerTiB),
    cloudTasks: per1000((ops.cloudTasksOperations * prices.cloudTasksPerMillionOperations) / 1_000_000),
    functionRequests: per1000((ops.functionInvocations * prices.functionsRequestsPerMillion) / 1_000_000),
    functionCompute: per1000(ops.functionBilledSeconds * (prices.functionVcpu * prices.functionsCpuPerVcpuSecond + prices.functionMemoryGiB * prices.functionsMemoryPerGiBSecond)),
  };
  return { ...cost, total: Object.values(cost).reduce((a, b) => a + b, 0) };
}
