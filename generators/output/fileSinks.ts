import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { TextSink } from './textSink.js';

/** Sinks that write generated text to a file or a Node stream (Node only; memorySink works anywhere). */

/**
 * A sink over a Node stream that honours backpressure: when the stream's buffer is full, `write`
 * returns a promise that settles on `drain`, so memory stays flat however fast rows are made.
 * A stream error is kept and thrown by the next `write` or by `close`, never lost.
 */
export function streamSink(stream: Writable, name: string): TextSink {
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure ??= describeWriteError(error, name);
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write(chunk) {
      check();
      if (stream.write(chunk)) return;
      return once(stream, 'drain').then(check, (error: Error) => {
        throw failure ?? describeWriteError(error, name);
      });
    },
    async close() {
      check();
      stream.end();
      try {
        await once(stream, 'finish');
      } catch (error) {
        throw failure ?? describeWriteError(error as Error, name);
      }
      check();
    },
  };
}

/** Opens a file for writing (replacing it); rejects with the reason when it cannot be created. */
export async function openFileSink(path: string): Promise<TextSink> {
  // 256 KiB of buffer lets rows be generated while earlier chunks go to disk. Measured: 1 MiB was no
  // faster and kept up to 30 MB more alive (written chunks survive into V8's old space).
  const stream = createWriteStream(path, { highWaterMark: 256 * 1024 });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw describeWriteError(error as Error, path);
  }
  return streamSink(stream, path);
}

function describeWriteError(error: Error, name: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return new Error(
    `cannot write ${name}: ${code ? `${code} (${error.message.replace(/^\w+: /, '')})` : error.message}`,
    { cause: error },
  );
}
