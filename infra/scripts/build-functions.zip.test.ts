import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readZipEntries } from './build-functions.test-helper';
import { zipDirectory } from './build-functions.zip';

describe('zipDirectory', () => {
  let dir: string;
  let source: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zip-dir-'));
    source = path.join(dir, 'src');
    mkdirSync(path.join(source, 'data', 'nested'), { recursive: true });
    writeFileSync(path.join(source, 'index.js'), 'module.exports = 1;\n');
    writeFileSync(path.join(source, 'data', 'nested', 'table.csv'), 'a,b\n');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the directory contents at the zip root with forward-slash paths', async () => {
    // when
    const entries = await zipDirectory(source, path.join(dir, 'out.zip'));

    // then
    expect(entries).toEqual(['data/nested/table.csv', 'index.js']);
    const zipped = await readZipEntries(path.join(dir, 'out.zip'));
    expect([...zipped.keys()].sort()).toEqual(['data/nested/table.csv', 'index.js']);
    expect(zipped.get('index.js')?.toString()).toBe('module.exports = 1;\n');
  });

  it('gives the same bytes for the same files whatever their modification times, so the MD5-named object is reused', async () => {
    // given one zip, then the files touched to another time
    await zipDirectory(source, path.join(dir, 'first.zip'));
    utimesSync(path.join(source, 'index.js'), new Date('2030-01-01'), new Date('2030-01-01'));

    // when
    await zipDirectory(source, path.join(dir, 'second.zip'));

    // then
    expect(readFileSync(path.join(dir, 'second.zip')).equals(readFileSync(path.join(dir, 'first.zip')))).toBe(true);
  });
});
