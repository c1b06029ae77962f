/** The plain response the core returns; each adapter turns it into its own kind of response. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: ResponseBody;
  /** How long the adapter should wait before answering (injected latency). */
  delayMs: number;
}

export type ResponseBody = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'text'; text: string };

export function jsonResponse(status: number, value: unknown, headers?: Record<string, string>): MockResponse {
  return {
    status,
    // A literal when there are no others: spreading even an empty object costs about a microsecond.
    headers:
      headers === undefined
        ? { 'content-type': 'application/json' }
        : { 'content-type': 'application/json', ...headers },
    body: { kind: 'json', value },
    delayMs: 0,
  };
}

export function textResponse(
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): MockResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body: { kind: 'text', text }, delayMs: 0 };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): MockResponse {
  return { status, headers, body: { kind: 'empty' }, delayMs: 0 };
}

/** The body as the bytes on the wire would read; null for an empty body. */
export function serializeBody(response: MockResponse): string | null {
  switch (response.body.kind) {
    case 'empty':
      return null;
    case 'json':
      return JSON.stringify(response.body.value);
    case 'text':
      return response.body.text;
  }
}
