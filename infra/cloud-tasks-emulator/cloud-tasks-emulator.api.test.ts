import { EmulatorHarness, grpcCode, LOCATION, secondsFromNow } from './emulator-harness.fixture';

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const UNIMPLEMENTED = 12;

describe('Cloud Tasks emulator: API surface', () => {
  const h = new EmulatorHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const later = (path: string) => ({ scheduleTime: secondsFromNow(3_600_000), httpRequest: { url: h.receiver.url(path) } });

  it('answers NOT_FOUND for an unknown queue', async () => {
    const missing = `${LOCATION}/queues/missing`;

    expect(await grpcCode(h.client.getQueue({ name: missing }))).toBe(NOT_FOUND);
    expect(await grpcCode(h.client.createTask({ parent: missing, task: later('/x') }))).toBe(NOT_FOUND);
    expect(await grpcCode(h.client.deleteQueue({ name: missing }))).toBe(NOT_FOUND);
  });

  it('answers ALREADY_EXISTS when creating an existing queue', async () => {
    const queue = await h.queue();

    expect(await grpcCode(h.client.createQueue({ parent: LOCATION, queue: { name: queue } }))).toBe(ALREADY_EXISTS);
  });

  it('given a named task, answers ALREADY_EXISTS when it is created again', async () => {
    const queue = await h.queue();
    const task = { name: `${queue}/tasks/payment-42`, ...later('/named') };

    await h.client.createTask({ parent: queue, task });

    expect(await grpcCode(h.client.createTask({ parent: queue, task }))).toBe(ALREADY_EXISTS);
  });

  it('keeps a named task reserved within the dedup window after it completed or was deleted', async () => {
    const queue = await h.queue();
    const completed = { name: `${queue}/tasks/done-1`, httpRequest: { url: h.receiver.url('/dedup') } };
    const deleted = { name: `${queue}/tasks/deleted-1`, ...later('/dedup') };

    await h.client.createTask({ parent: queue, task: completed });
    await h.waitForLog('task_completed', completed.name);
    await h.client.createTask({ parent: queue, task: deleted });
    await h.client.deleteTask({ name: deleted.name });

    expect(await grpcCode(h.client.createTask({ parent: queue, task: completed }))).toBe(ALREADY_EXISTS);
    expect(await grpcCode(h.client.createTask({ parent: queue, task: deleted }))).toBe(ALREADY_EXISTS);
  });

  it('given a zero dedup window, accepts a deleted name again', async () => {
    const zero = new EmulatorHarness(0);
    await zero.start();
    try {
      const queue = await zero.queue();
      const task = { name: `${queue}/tasks/reusable`, scheduleTime: secondsFromNow(3_600_000), httpRequest: { url: zero.receiver.url('/r') } };
      await zero.client.createTask({ parent: queue, task });
      await zero.client.deleteTask({ name: task.name });

      const [again] = await zero.client.createTask({ parent: queue, task });

      expect(again.name).toBe(task.name);
    } finally {
      await zero.stop();
    }
  });

  it('lists, gets and purges tasks; the BASIC view hides the body and FULL shows it', async () => {
    const queue = await h.queue();
    const [created] = await h.client.createTask({ parent: queue, task: { ...later('/list'), httpRequest: { url: h.receiver.url('/list'), body: Buffer.from('secret') } } });
    await h.client.createTask({ parent: queue, task: later('/list') });

    const [basic] = await h.client.getTask({ name: created.name });
    const [full] = await h.client.getTask({ name: created.name, responseView: 'FULL' });
    const [tasks] = await h.client.listTasks({ parent: queue });
    await h.client.purgeQueue({ name: queue });
    const [afterPurge] = await h.client.listTasks({ parent: queue });

    expect(basic.httpRequest!.body?.length ?? 0).toBe(0);
    expect(Buffer.from(full.httpRequest!.body as Uint8Array).toString()).toBe('secret');
    expect(tasks).toHaveLength(2);
    expect(afterPurge).toHaveLength(0);
  });

  it('lists queues under a location and merges rate limits and retry config on update', async () => {
    const queue = await h.queue({ maxAttempts: 7 });

    await h.client.updateQueue({ queue: { name: queue, rateLimits: { maxDispatchesPerSecond: 5 } } });
    const [updated] = await h.client.getQueue({ name: queue });
    const [queues] = await h.client.listQueues({ parent: LOCATION });

    expect(updated.rateLimits).toMatchObject({ maxDispatchesPerSecond: 5, maxBurstSize: 5, maxConcurrentDispatches: 1000 });
    expect(updated.retryConfig!.maxAttempts).toBe(7);
    expect(queues.map((q) => q.name)).toContain(queue);
  });

  it('given a paused queue, holds its tasks until it is resumed', async () => {
    const paused = await h.queue();
    const running = await h.queue();
    await h.client.pauseQueue({ name: paused });
    const sentinel = h.receiver.on('/running');

    await h.client.createTask({ parent: paused, task: { httpRequest: { url: h.receiver.url('/held') } } });
    await h.client.createTask({ parent: running, task: { httpRequest: { url: h.receiver.url('/running') } } });
    await sentinel;
    const heldWhilePaused = h.receiver.received('/held').length;
    const [state] = await h.client.getQueue({ name: paused });
    const released = h.receiver.on('/held');
    await h.client.resumeQueue({ name: paused });

    expect(heldWhilePaused).toBe(0);
    expect(state.state).toBe('PAUSED');
    expect(await released).toHaveLength(1);
  });

  it('RunTask dispatches a future task immediately', async () => {
    const queue = await h.queue();
    const [task] = await h.client.createTask({ parent: queue, task: later('/run-now') });
    const arrived = h.receiver.on('/run-now');

    const [run] = await h.client.runTask({ name: task.name });

    expect(run.dispatchCount).toBe(1);
    expect(await arrived).toHaveLength(1);
  });

  it('never exceeds maxConcurrentDispatches', async () => {
    const queue = await h.queue({ maxConcurrentDispatches: 1 });
    let open = 0;
    let maxOpen = 0;
    h.receiver.responders.set('/serial', (_req, res) => {
      maxOpen = Math.max(maxOpen, ++open);
      setTimeout(() => {
        open--;
        res.end();
      }, 20);
    });
    const allArrived = h.receiver.requests.waitFor((r) => r.path === '/serial', 3);

    for (let i = 0; i < 3; i++) await h.client.createTask({ parent: queue, task: { httpRequest: { url: h.receiver.url('/serial') } } });
    await allArrived;

    expect(maxOpen).toBe(1);
  });

  it('answers UNIMPLEMENTED for IAM methods', async () => {
    const queue = await h.queue();

    expect(await grpcCode(h.client.getIamPolicy({ resource: queue }))).toBe(UNIMPLEMENTED);
  });
});
