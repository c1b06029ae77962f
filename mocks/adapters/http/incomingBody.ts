import type { IncomingMessage } from 'node:http';
import { bodyFromStream, IncompleteBodyError, PayloadTooLargeError, type RequestBody } from '../../core/mockRequest.js';

const decoder = new TextDecoder();

/**
 * The body of a node:http request, read at most once, with the size limit enforced as the bytes
 * arrive. Read whole (`bytes`, `text`: every JSON body) it listens to the stream's events directly;
 * read as it arrives (`chunks`: JSON Lines) it iterates. Measured: for a small JSON body, the async
 * iterator cost about 35 µs of CPU per request, more than the rest of the adapter together.
 */
export function bodyFromIncoming(req: IncomingMessage, limitBytes: number): RequestBody {
  let consumed = false;
  const claim = () => {
    if (consumed) throw new Error('the request body was already read');
    consumed = true;
  };
  const bytes = async () => {
    claim();
    return readWhole(req, limitBytes);
  };
  return {
    bytes,
    text: async () => decoder.decode(await bytes()),
    async *chunks() {
      claim();
      // An operation that stops reading early (a line that is not UTF-8) must not destroy the
      // request, which would reset a keep-alive connection after its answer; the adapter drains the rest.
      yield* bodyFromStream(req.iterator({ destroyOnReturn: false }), limitBytes).chunks();
    },
  };
}

function readWhole(req: IncomingMessage, limitBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limitBytes) {
        stop();
        // What is still arriving is drained by the adapter once it has answered.
        req.pause();
        reject(new PayloadTooLargeError(limitBytes));
        return;
      }
      parts.push(chunk);
    };
    const onEnd = () => {
      stop();
      const out = new Uint8Array(total);
      let offset = 0;
      for (const part of parts) {
        out.set(part, offset);
        offset += part.byteLength;
      }
      resolve(out);
    };
    const onError = (error: Error) => {
      stop();
      reject(new IncompleteBodyError(error));
    };
    // Closed before its end: the client went away, or the request timeout cut it off.
    const onClose = () => {
      stop();
      reject(new IncompleteBodyError(new Error('the connection closed')));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
