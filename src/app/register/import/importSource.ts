import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';
import { spoolStream } from './spool.ts';

/**
 * The file an import reads: a path (CLI) or a stream (an HTTP body). Opaque on purpose:
 * its contents are private fields, so generic input checks that walk plain objects
 * never wander into a stream's internals.
 */
export class ImportSource {
  readonly #path: string | undefined;
  readonly #stream: Readable | undefined;
  /** The file's name for the report and the audit log (never used to open anything). */
  readonly name: string;

  private constructor(path: string | undefined, stream: Readable | undefined, name: string) {
    this.#path = path;
    this.#stream = stream;
    this.name = name;
  }

  static fromPath(path: string, name = basename(path)): ImportSource {
    return new ImportSource(path, undefined, name.slice(0, 200));
  }

  static fromStream(stream: Readable, name = 'upload'): ImportSource {
    return new ImportSource(undefined, stream, name.slice(0, 200));
  }

  /**
   * A file on disk holding the source: the path itself, or the stream copied into `dir`
   * and refused past `maxStreamBytes` (a local file is the operator's own business).
   */
  async toFile(dir: string, maxStreamBytes: number): Promise<string> {
    if (this.#stream) {
      const path = join(dir, 'upload');
      await spoolStream(this.#stream, path, maxStreamBytes);
      return path;
    }
    const path = this.#path!;
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) {
      throw new AppError(
        'invalid',
        'file_not_found',
        `找不到文件：${path}`,
        `no such file: ${path}`,
        'file',
      );
    }
    return path;
  }
}
