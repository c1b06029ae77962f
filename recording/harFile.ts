import { open, readFile, type FileHandle } from 'node:fs/promises';
import { parseHar, type HarEntry, type HarLog } from '../mocks/replay/har.js';

/**
 * Writes a HAR file one entry at a time, so that the file on disk is a complete, valid HAR after
 * every entry: each entry is written over the closing `]}}` of the last write, followed by a new
 * one. A recording stopped any way at all (Ctrl-C, SIGTERM, even SIGKILL between two entries)
 * keeps every exchange it had finished.
 */
export class HarFileWriter {
  private position = 0;
  private count = 0;
  private queue: Promise<void> = Promise.resolve();
  private static readonly closing = '\n]}}\n';

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  static async create(
    path: string,
    creator: { name: string; version: string },
    comment: string,
  ): Promise<HarFileWriter> {
    const handle = await open(path, 'w');
    const writer = new HarFileWriter(handle, path);
    const head = `{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"comment":${JSON.stringify(comment)},"pages":[],"entries":[`;
    await handle.write(head + HarFileWriter.closing, 0);
    writer.position = Buffer.byteLength(head);
    return writer;
  }

  get entries(): number {
    return this.count;
  }

  /** Appends an entry; entries are written in the order append is called. */
  append(entry: HarEntry): Promise<void> {
    const text = `${this.count === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`;
    this.count += 1;
    this.queue = this.queue.then(async () => {
      const bytes = Buffer.from(text + HarFileWriter.closing);
      await this.handle.write(bytes, 0, bytes.length, this.position);
      this.position += bytes.length - Buffer.byteLength(HarFileWriter.closing);
    });
    return this.queue;
  }

  /** Waits for every pending entry and closes the file. */
  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}

/** Reads and checks a HAR file; the error names the file and what is wrong. */
export async function readHarFile(path: string): Promise<HarLog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseHar(value, path);
}
