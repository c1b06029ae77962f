import { maxHeaderSize } from 'node:http';
import { corsHeaders } from './corsHeaders.js';

/**
 * Answers for requests that never reach the mock core: what Node's HTTP parser refused (malformed
 * HTTP, oversized headers, slow senders), written straight to the socket with a body that says what
 * is wrong, instead of Node's bare status line.
 */

/** The 408 for a request whose body stopped arriving. */
export function stalledBodyMessage(requestTimeoutMs: number): string {
  return `no byte of the request arrived for ${requestTimeoutMs / 1000} s while the mock was waiting for the rest of it; send it without pausing, or start the mock with a longer --request-timeout`;
}

/** The status, code and message for a request Node's HTTP parser refused. */
export function clientErrorAnswer(error: NodeJS.ErrnoException, headersTimeoutMs: number): [number, string, string] {
  switch (error.code) {
    // Node's own timer judges only the headers; the body is judged by TransportWatch.
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        408,
        'request_timeout',
        `the request headers did not arrive within ${headersTimeoutMs / 1000} s; send them at once, or start the mock with a longer --request-timeout`,
      ];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'header_fields_too_large', `the request line and headers are larger than ${maxHeaderSize} bytes`];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'payload_too_large', 'the chunk extensions of the request body are too large'];
    default: {
      const reason = (error as { reason?: unknown }).reason;
      return [
        400,
        'bad_request',
        `the request is not valid HTTP/1.1: ${typeof reason === 'string' && reason ? reason : error.message} (${error.code ?? 'parse error'})`,
      ];
    }
  }
}

/** A whole HTTP/1.1 answer, written straight to a socket that is then closed. */
export function transportAnswer(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  headOnly = false,
): string {
  const body = JSON.stringify({ error: { code, message } });
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    405: 'Method Not Allowed',
    408: 'Request Timeout',
    413: 'Payload Too Large',
    431: 'Request Header Fields Too Large',
  };
  const headers = {
    ...corsHeaders,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...extra,
  };
  return `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n${headOnly ? '' : body}`;
}
