import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import type { RunningEmulator } from './emulator-process';
import { resetFirestore, startFirestoreEmulator } from './firestore-emulator.launcher';
import { processGroupAlive } from './group-probe.test-helper';
import { httpCall } from './http-probe';

const PROJECT_ID = 'demo-emulator-launcher';
// JVM boot takes a few seconds on a 2-core machine; the unit project's default 5 s is too tight.
const BOOT_TIMEOUT_MS = 90_000;

describe('startFirestoreEmulator', () => {
  let emulator: RunningEmulator;
  let app: App | undefined;

  beforeAll(async () => {
    emulator = await startFirestoreEmulator({ projectId: PROJECT_ID });
  }, BOOT_TIMEOUT_MS);

  afterAll(async () => {
    if (app) await deleteApp(app);
    await emulator?.stop();
  }, BOOT_TIMEOUT_MS);

  function firestore() {
    // firebase-admin reads the variable when the Firestore client is created, so set it first.
    process.env.FIRESTORE_EMULATOR_HOST = emulator.hostPort;
    app ??= initializeApp({ projectId: PROJECT_ID }, `firestore-launcher-test-${process.pid}`);
    return getFirestore(app);
  }

  it('is ready on a free loopback port when the promise resolves', async () => {
    // then its root answers "Ok"
    expect(emulator.host).toBe('127.0.0.1');
    expect(emulator.port).toBeGreaterThan(0);
    const answer = await httpCall('GET', `http://${emulator.hostPort}/`, 2_000);
    expect(answer?.body.trim()).toBe('Ok');
  });

  it('stores and returns a document written through firebase-admin', async () => {
    // given a merchant document
    const doc = firestore().collection('merchants').doc('m-1');

    // when it is written and read back
    await doc.set({ name: 'Acme Ltd', dailyLimit: { amountMinor: 500_000, currency: 'EUR' } });
    const snapshot = await doc.get();

    // then the same data comes back
    expect(snapshot.data()).toEqual({ name: 'Acme Ltd', dailyLimit: { amountMinor: 500_000, currency: 'EUR' } });
  });

  it('resetFirestore removes every document of the project', async () => {
    // given a stored document
    const doc = firestore().collection('merchants').doc('m-2');
    await doc.set({ name: 'Soon Gone' });

    // when the database is reset
    await resetFirestore(emulator, PROJECT_ID);

    // then the document no longer exists
    expect((await doc.get()).exists).toBe(false);
  });

  it('rejects a rules file that does not exist without starting a JVM', async () => {
    await expect(startFirestoreEmulator({ projectId: PROJECT_ID, rulesPath: '/nonexistent/firestore.rules' })).rejects.toThrow(
      'Firestore rules file not found: /nonexistent/firestore.rules',
    );
  });

  it('stop() leaves no process of its group behind', async () => {
    // given the running emulator's process group
    expect(processGroupAlive(emulator.pid)).toBe(true);

    // when it is stopped
    await emulator.stop();

    // then the JVM and any wrapper are gone, and the port no longer answers
    expect(processGroupAlive(emulator.pid)).toBe(false);
    expect(await httpCall('GET', `http://${emulator.hostPort}/`, 1_000)).toBeUndefined();
  }, BOOT_TIMEOUT_MS);
});
