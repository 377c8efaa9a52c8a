import { categoryOf, cpuByCategory } from './cpu-profile';

describe('CPU of a profiled process, by who owns the code', () => {
  it('given frames of packages, contexts, node and V8, then each is named by its owner and idle time is left out', () => {
    expect(categoryOf({ functionName: 'encode', url: 'file:///w/node_modules/protobufjs/src/writer.js' })).toBe('protobufjs');
    expect(categoryOf({ functionName: 'call', url: 'file:///w/node_modules/@grpc/grpc-js/build/src/call.js' })).toBe('@grpc/grpc-js');
    expect(categoryOf({ functionName: 'assess', url: 'file:///w/functions/src/fraud/domain/assess-payment.ts' })).toBe('functions/src/fraud');
    expect(categoryOf({ functionName: 'emit', url: 'node:events' })).toBe('node events');
    expect(categoryOf({ functionName: 'emitInit', url: 'node:internal/async_hooks' })).toBe('node async_hooks');
    expect(categoryOf({ functionName: '(garbage collector)', url: '' })).toBe('garbage collector');
    expect(categoryOf({ functionName: '(idle)', url: '' })).toBeNull();
  });

  it('given samples and their time deltas, then the milliseconds add up per owner', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '' } },
        { id: 2, callFrame: { functionName: 'f', url: '/w/node_modules/zod/index.js' } },
        { id: 3, callFrame: { functionName: 'g', url: '/w/functions/src/payments/domain/payment.ts' } },
      ],
      samples: [1, 2, 3, 2],
      timeDeltas: [5_000, 1_000, 2_000, 500],
    };
    expect(cpuByCategory(profile)).toEqual({ zod: 1.5, 'functions/src/payments': 2 });
  });

  it('given a window on the monotonic clock, then only the samples inside it count', () => {
    const profile = {
      startTime: 1_000_000,
      nodes: [{ id: 2, callFrame: { functionName: 'f', url: '/w/node_modules/zod/index.js' } }],
      samples: [2, 2, 2],
      timeDeltas: [1_000, 1_000, 1_000],
    };
    expect(cpuByCategory(profile, { fromUs: 1_001_500, toUs: 1_003_000 })).toEqual({ zod: 2 });
  });
});
