import { billedSeconds, costPer1000Payments, GCP_LIST_PRICES } from './cost-model';

const none = { documentReads: 0, documentWrites: 0, pubsubMessagesPublished: 0, pubsubBillableBytes: 0, cloudTasksOperations: 0, functionInvocations: 0, functionBilledSeconds: 0 };

describe('cost of 1,000 payments at list prices', () => {
  it('given 10 writes and 5 reads a payment, then Firestore costs 10 × $0.18 + 5 × $0.06 per 100,000, times 1,000', () => {
    const cost = costPer1000Payments({ ...none, documentWrites: 10, documentReads: 5 });
    expect(cost.firestoreWrites).toBeCloseTo(0.018, 10);
    expect(cost.firestoreReads).toBeCloseTo(0.003, 10);
    expect(cost.total).toBeCloseTo(0.021, 10);
  });

  it('given 3 task operations, 4 invocations and 1 TiB of Pub/Sub bytes a payment, then each is priced per its unit', () => {
    const cost = costPer1000Payments({ ...none, cloudTasksOperations: 3, functionInvocations: 4, pubsubBillableBytes: 2 ** 40 });
    expect(cost.cloudTasks).toBeCloseTo(0.0012, 10);
    expect(cost.functionRequests).toBeCloseTo(0.0016, 10);
    expect(cost.pubsub).toBeCloseTo(40_000, 6);
  });

  it('given invocation durations, then each is billed rounded up to 100 ms, at 0.167 vCPU and 0.25 GiB', () => {
    expect(billedSeconds([1, 99, 100, 101, 250])).toBeCloseTo(0.1 + 0.1 + 0.1 + 0.2 + 0.3, 10);
    const cost = costPer1000Payments({ ...none, functionBilledSeconds: 1 });
    expect(cost.functionCompute).toBeCloseTo(1000 * (0.167 * 0.000024 + 0.25 * 0.0000025), 10);
    expect(GCP_LIST_PRICES.sources.functions).toContain('cloud.google.com/run/pricing');
  });
});
