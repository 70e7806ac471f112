import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';

/** A private temporary directory, removed by `dispose`. */
export async function tempDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jinfu-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Copies an upload to a file, refusing it past `maxBytes`, so that receiving a slow
 * upload never holds the import's transaction open.
 */
export async function spoolStream(stream: Readable, path: string, maxBytes: number): Promise<void> {
  const out = createWriteStream(path);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        stream.destroy();
        throw new AppError(
          'invalid',
          'file_too_large',
          `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`,
          `the file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`,
          'file',
        );
      }
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}
