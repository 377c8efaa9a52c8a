import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LocalFileKeyEncryptionService } from './key-encryption.local-file';

const run = promisify(execFile);

describe('the local key-encryption key file', () => {
  it('given no key file, when several processes start at once, then they all use one complete key and leave no drafts behind', async () => {
    // given an empty directory, as on a fresh clone
    const dir = mkdtempSync(path.join(tmpdir(), 'kek-'));
    const keyPath = path.join(dir, 'kek.key');
    const script = `const { LocalFileKeyEncryptionService } = require(${JSON.stringify(path.join(__dirname, 'key-encryption.local-file.ts'))}); process.stdout.write(new LocalFileKeyEncryptionService(${JSON.stringify(keyPath)}).kekId);`;

    // when six processes create the service at the same moment (the local runtime's workers do)
    const ids = await Promise.all(Array.from({ length: 6 }, () => run(process.execPath, ['--import', 'tsx', '-e', script]).then((out) => out.stdout)));

    // then every one read the same key, and only the key file remains, readable by its owner only
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(new LocalFileKeyEncryptionService(keyPath).kekId);
    expect(readdirSync(dir)).toEqual(['kek.key']);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('given a key file, when a data key is wrapped and unwrapped, then it comes back unchanged', async () => {
    const keyPath = path.join(mkdtempSync(path.join(tmpdir(), 'kek-')), 'kek.key');
    const service = new LocalFileKeyEncryptionService(keyPath);
    const dataKey = Buffer.alloc(32, 7);
    expect(await new LocalFileKeyEncryptionService(keyPath).unwrap(await service.wrap(dataKey), service.kekId)).toEqual(dataKey);
  });
});
