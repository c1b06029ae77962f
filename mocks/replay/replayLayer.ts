import { bodyFromBytes, type MockRequest, type RequestBody } from '../core/mockRequest.js';
import { emptyResponse, jsonResponse, textResponse, type MockResponse } from '../core/mockResponse.js';
import { ReplayBook, type ReplaySource } from './replayBook.js';
import { comparableRequest } from './requestNormalization.js';

export interface ReplayOptions {
  /** Parsed HAR logs (or `{ name, har }`), in the order they are searched. */
  recordings: ReplaySource;
  /** Answer a request that matches no recording with 404 (naming the closest recording) instead of simulating it. */
  only?: boolean;
}

/** What a layer in front of the simulators does with a request: answers it, or hands it on. */
export type LayerResult = { answer: MockResponse } | { request: MockRequest };

/**
 * Replay as a layer in front of the simulators: a request that matches a recording gets the
 * recorded answer; any other goes on to the simulation (or, with `only`, gets a 404). The
 * control API (`/__bulkmock/`) is never replayed. Transport-free: the node:http server and both
 * MSW adapters use it through `createMockCore({ replay })`.
 */
export function createReplayLayer(given: ReplayOptions | ReplaySource) {
  const options: ReplayOptions =
    !Array.isArray(given) && 'recordings' in given ? given : { recordings: given as ReplaySource };
  const book = new ReplayBook(options.recordings);
  return {
    book,
    reset: () => book.rewind(),
    async intercept(request: MockRequest): Promise<LayerResult> {
      if (request.path.startsWith('/__bulkmock/')) return { request };
      const routeRecorded = book.hasRoute(request.method, request.path);
      if (!routeRecorded && !options.only) return { request };
      // Only a request whose method and path were recorded has its body read here (once), and it is
      // handed on as bytes in memory: a request no recording can match keeps its streamed body.
      let bytes: Uint8Array = new Uint8Array(0);
      if (routeRecorded) {
        try {
          bytes = await request.body.bytes();
        } catch (error) {
          // Too large or cut off: no recording can match; the core answers it as it would.
          return options.only
            ? { answer: noRecording(`the request body could not be read (${(error as Error).message})`) }
            : { request: { ...request, body: failingBody(error) } };
        }
      }
      const comparable = comparableRequest({
        method: request.method,
        path: request.path,
        query: [...request.query],
        headers: Object.entries(request.headers).map(([name, value]) => ({ name, value })),
        body: new TextDecoder().decode(bytes),
      });
      const recorded = routeRecorded ? book.take(comparable) : null;
      if (recorded) {
        const headers = { ...recorded.headers, 'x-bulkmock-replay': recorded.source };
        const answer =
          recorded.body === null
            ? emptyResponse(recorded.status, headers)
            : textResponse(
                recorded.status,
                recorded.body,
                recorded.headers['content-type'] ?? 'application/octet-stream',
                headers,
              );
        return { answer };
      }
      if (options.only)
        return {
          answer: noRecording(`no recording matches ${request.method} ${request.path}; ${book.closest(comparable)}`),
        };
      return { request: routeRecorded ? { ...request, body: bodyFromBytes(bytes) } : request };
    },
  };
}

export type ReplayLayer = ReturnType<typeof createReplayLayer>;

function noRecording(message: string): MockResponse {
  return jsonResponse(404, {
    error: { code: 'no_recording', message: `${message} (bulkmock replays recordings only: --replay-only)` },
  });
}

/** A body that fails the way reading the original failed, so the core answers 413 or 400 as usual. */
function failingBody(error: unknown): RequestBody {
  const fail = () => Promise.reject(error instanceof Error ? error : new Error(String(error)));
  return {
    text: fail,
    bytes: fail,
    chunks: () => ({ [Symbol.asyncIterator]: () => ({ next: fail }) }),
  };
}
