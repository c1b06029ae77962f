/**
 * The plain request every adapter hands the core: no Fetch objects, no node:http types, so the same
 * simulators serve MSW in the browser, MSW in Node and the standalone server.
 */
export interface MockRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The URL path, without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body: RequestBody;
}

/** A request body that is read at most once, in whichever form the operation needs. */
export interface RequestBody {
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
  /** The body as it arrives, for operations that parse as they read (JSON Lines). */
  chunks(): AsyncIterable<Uint8Array>;
}

/** Thrown by a body reader when the body is larger than the mock accepts; answered with a 413. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the request body is larger than the limit of ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Thrown by a body reader when the body stops before it is complete: the client closed the
 * connection, or was cut off by the request timeout. Answered with a 400 (that the client may never read).
 */
export class IncompleteBodyError extends Error {
  constructor(cause: unknown) {
    super(
      `the request body ended before it was complete (${(cause as Error | undefined)?.message ?? 'the connection closed'}); the client closed the connection or stopped sending`,
      { cause },
    );
    this.name = 'IncompleteBodyError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The whole body as one chunk, read when the iteration starts. */
async function* oneChunk(read: () => Uint8Array): AsyncGenerator<Uint8Array> {
  yield await Promise.resolve().then(read);
}

/** A body that is already in memory (MSW hands us the whole body). */
export function bodyFromBytes(content: Uint8Array | string, limitBytes = Infinity): RequestBody {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  const checked = () => {
    if (bytes.byteLength > limitBytes) throw new PayloadTooLargeError(limitBytes);
    return bytes;
  };
  return {
    // Promises, not throws: an over-limit body is refused where the body is read, as a stream would be.
    text: () => Promise.resolve().then(() => decoder.decode(checked())),
    bytes: () => Promise.resolve().then(checked),
    chunks: () => oneChunk(checked),
  };
}

/** A body read from a stream of chunks, enforcing the size limit as it goes. */
export function bodyFromStream(stream: AsyncIterable<Uint8Array>, limitBytes = Infinity): RequestBody {
  let consumed = false;
  async function* chunks(): AsyncIterable<Uint8Array> {
    if (consumed) throw new Error('the request body was already read');
    consumed = true;
    let total = 0;
    try {
      for await (const chunk of stream) {
        total += chunk.byteLength;
        if (total > limitBytes) throw new PayloadTooLargeError(limitBytes);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof PayloadTooLargeError) throw error;
      throw new IncompleteBodyError(error);
    }
  }
  const bytes = async () => {
    const parts: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of chunks()) {
      parts.push(chunk);
      length += chunk.byteLength;
    }
    const out = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  };
  return {
    bytes,
    text: async () => decoder.decode(await bytes()),
    chunks,
  };
}

export const emptyBody: RequestBody = bodyFromBytes(new Uint8Array(0));

/** Reads the media type of a request, without parameters, in lower case ('' when absent). */
export { mediaType } from '../spec/mediaType.js';
