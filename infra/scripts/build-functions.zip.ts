import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

// Terraform names the uploaded object after the zip's MD5, so the same files must give the same
// bytes: entries are sorted and carry a fixed time and mode, never the file system's.
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');
const FILE_MODE = 0o100644;

/** Every file under `dir`, as forward-slash paths relative to it, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(dir, relative));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}

/** Zips the contents of `dir` (not the directory itself) into `zipPath`; returns the entry names. */
export async function zipDirectory(dir: string, zipPath: string): Promise<string[]> {
  const files = listFiles(dir);
  const zip = new ZipFile();
  for (const file of files) {
    zip.addBuffer(readFileSync(path.join(dir, file)), file, { mtime: FIXED_MTIME, mode: FILE_MODE, compress: true });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
  return files;
}
