import { EmulatorHarness, grpcCode, secondsFromNow } from './emulator-harness.fixture';

const NOT_FOUND = 5;

describe('Cloud Tasks emulator: dispatch', () => {
  const h = new EmulatorHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('given a task due now, posts its body to the target with the Cloud Tasks headers', async () => {
    const queue = await h.queue();
    const arrived = h.receiver.on('/basic');

    const [task] = await h.client.createTask({
      parent: queue,
      task: { httpRequest: { url: h.receiver.url('/basic'), headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{"a":1}') } },
    });

    const [request] = await arrived;
    expect(request.method).toBe('POST');
    expect(request.body).toBe('{"a":1}');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-cloudtasks-queuename']).toBe(queue.split('/').pop());
    expect(request.headers['x-cloudtasks-taskname']).toBe(task.name!.split('/').pop());
    expect(request.headers['x-cloudtasks-taskretrycount']).toBe('0');
    expect(request.headers['x-cloudtasks-taskexecutioncount']).toBe('0');
    expect(Number(request.headers['x-cloudtasks-tasketa'])).toBeCloseTo(Number(task.scheduleTime!.seconds), -1);
  });

  it('gives unnamed tasks a generated numeric name under the queue', async () => {
    const queue = await h.queue();

    const [task] = await h.client.createTask({ parent: queue, task: { httpRequest: { url: h.receiver.url('/generated') } } });

    expect(task.name).toMatch(new RegExp(`^${queue}/tasks/\\d+$`));
  });

  it('given a handler answering 500 twice then 200, retries and completes with retry counts 0, 1, 2', async () => {
    const queue = await h.queue();
    let calls = 0;
    h.receiver.responders.set('/flaky', (_req, res) => {
      res.statusCode = ++calls <= 2 ? 500 : 200;
      res.end();
    });

    const [task] = await h.client.createTask({ parent: queue, task: { httpRequest: { url: h.receiver.url('/flaky') } } });
    await h.waitForLog('task_completed', task.name!);

    const attempts = h.receiver.received('/flaky');
    expect(attempts.map((r) => r.headers['x-cloudtasks-taskretrycount'])).toEqual(['0', '1', '2']);
    expect(attempts.map((r) => r.headers['x-cloudtasks-taskpreviousresponse'])).toEqual([undefined, '500', '500']);
    expect(await grpcCode(h.client.getTask({ name: task.name }))).toBe(NOT_FOUND);
  });

  it('given a handler that always fails, stops after maxAttempts and drops the task', async () => {
    const queue = await h.queue({ maxAttempts: 3 });
    h.receiver.responders.set('/broken', (_req, res) => {
      res.statusCode = 503;
      res.end();
    });

    const [task] = await h.client.createTask({ parent: queue, task: { httpRequest: { url: h.receiver.url('/broken') } } });
    const [dropped] = await h.waitForLog('task_dropped', task.name!);

    expect(dropped).toMatchObject({ attempt: 3, status: { code: 14 } });
    expect(h.receiver.received('/broken')).toHaveLength(3);
    expect(await grpcCode(h.client.getTask({ name: task.name }))).toBe(NOT_FOUND);
  });

  it('keeps a failed task visible with its attempt history while it waits to retry', async () => {
    const queue = await h.queue();
    await h.client.updateQueue({ queue: { name: queue, retryConfig: { minBackoff: { seconds: 3600 }, maxBackoff: { seconds: 3600 } } } });
    h.receiver.responders.set('/rejecting', (_req, res) => {
      res.statusCode = 404;
      res.end();
    });

    const [created] = await h.client.createTask({ parent: queue, task: { httpRequest: { url: h.receiver.url('/rejecting') } } });
    await h.logs.waitFor((l) => l.event === 'attempt_failed' && l.task === created.name);
    const [task] = await h.client.getTask({ name: created.name });

    expect(task).toMatchObject({ dispatchCount: 1, responseCount: 1, lastAttempt: { responseStatus: { code: NOT_FOUND } } });
    expect(Number(task.scheduleTime!.seconds)).toBeGreaterThan(Date.now() / 1000 + 3000);
  });

  it('given a scheduleTime in the future, does not dispatch before it', async () => {
    const queue = await h.queue();
    const scheduleTime = secondsFromNow(300);
    const arrived = h.receiver.on('/later');

    const [task] = await h.client.createTask({ parent: queue, task: { scheduleTime, httpRequest: { url: h.receiver.url('/later') } } });
    const [pending] = await h.client.getTask({ name: task.name });
    const [request] = await arrived;

    expect(pending.dispatchCount).toBe(0);
    expect(request.receivedAtMs).toBeGreaterThanOrEqual(scheduleTime.seconds * 1000 + scheduleTime.nanos / 1e6);
  });

  it('given a task deleted before its scheduleTime, never dispatches it', async () => {
    const queue = await h.queue();
    const [doomed] = await h.client.createTask({
      parent: queue,
      task: { scheduleTime: secondsFromNow(150), httpRequest: { url: h.receiver.url('/deleted') } },
    });
    const sentinel = h.receiver.on('/after-deleted');

    await h.client.deleteTask({ name: doomed.name });
    await h.client.createTask({ parent: queue, task: { scheduleTime: secondsFromNow(300), httpRequest: { url: h.receiver.url('/after-deleted') } } });
    await sentinel;

    expect(h.receiver.received('/deleted')).toHaveLength(0);
    expect(await grpcCode(h.client.getTask({ name: doomed.name }))).toBe(NOT_FOUND);
  });

  it('given a handler slower than the dispatch deadline, counts the attempt as DEADLINE_EXCEEDED', async () => {
    const queue = await h.queue({ maxAttempts: 1 });
    h.receiver.responders.set('/slow', () => undefined); // never answers; the receiver closes it on stop

    const [task] = await h.client.createTask({
      parent: queue,
      task: { dispatchDeadline: { nanos: 50e6 }, httpRequest: { url: h.receiver.url('/slow') } },
    });
    const [dropped] = await h.waitForLog('task_dropped', task.name!);

    expect(dropped).toMatchObject({ attempt: 1, status: { code: 4 } });
  });

  it('given a deleted queue, never dispatches its pending tasks', async () => {
    const queue = await h.queue();
    await h.client.createTask({ parent: queue, task: { scheduleTime: secondsFromNow(100), httpRequest: { url: h.receiver.url('/orphan') } } });
    const other = await h.queue();
    const sentinel = h.receiver.on('/after-orphan');

    await h.client.deleteQueue({ name: queue });
    await h.client.createTask({ parent: other, task: { scheduleTime: secondsFromNow(250), httpRequest: { url: h.receiver.url('/after-orphan') } } });
    await sentinel;

    expect(h.receiver.received('/orphan')).toHaveLength(0);
    expect(await grpcCode(h.client.getQueue({ name: queue }))).toBe(NOT_FOUND);
  });

  it('given an oidcToken, sends a bearer token carrying the audience and service account', async () => {
    const queue = await h.queue();
    const arrived = h.receiver.on('/secured');

    await h.client.createTask({
      parent: queue,
      task: { httpRequest: { url: h.receiver.url('/secured'), oidcToken: { serviceAccountEmail: 'tasks@demo.iam', audience: 'https://svc' } } },
    });

    const [request] = await arrived;
    const token = String(request.headers.authorization).replace(/^Bearer /, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ aud: 'https://svc', email: 'tasks@demo.iam' });
  });

  it('uses the task http method and honours GET without a body', async () => {
    const queue = await h.queue();
    const arrived = h.receiver.on('/get');

    await h.client.createTask({ parent: queue, task: { httpRequest: { url: h.receiver.url('/get'), httpMethod: 'GET' } } });

    const [request] = await arrived;
    expect(request.method).toBe('GET');
  });
});
