import { openPromise, type Entry, type ZipFile } from 'yauzl';

const MANIFEST_PATH = 'META-INF/MANIFEST.MF';
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Returns the Main-Class declared in a jar's manifest, or undefined when there is none.
 * yauzl reads only the central directory and the one entry, not the whole (50+ MB) jar.
 */
export async function readJarMainClass(jarPath: string): Promise<string | undefined> {
  const zip = await openPromise(jarPath, { lazyEntries: true, autoClose: false });
  try {
    const entry = await findEntry(zip, MANIFEST_PATH);
    if (!entry || entry.uncompressedSize > MAX_MANIFEST_BYTES) return undefined;
    return parseMainClass(await readEntryText(zip, entry));
  } finally {
    zip.close();
  }
}

/** Manifest lines wrap at 72 bytes with continuation lines starting with a single space. */
export function parseMainClass(manifest: string): string | undefined {
  const unfolded = manifest.replace(/\r?\n /g, '');
  const match = /^Main-Class:\s*(\S+)\s*$/m.exec(unfolded);
  return match?.[1];
}

function findEntry(zip: ZipFile, name: string): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      if (entry.fileName === name) finish(entry);
      else zip.readEntry();
    };
    const onEnd = (): void => finish(undefined);
    const onError = (error: Error): void => {
      detach();
      reject(error);
    };
    const detach = (): void => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const finish = (entry: Entry | undefined): void => {
      detach();
      resolve(entry);
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

async function readEntryText(zip: ZipFile, entry: Entry): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
