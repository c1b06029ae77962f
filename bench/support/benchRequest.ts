/** One HTTP request as the benches send it, both through fetch (checks) and autocannon (load). */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  text: string;
}

export async function send(baseUrl: string, request: BenchRequest): Promise<Answer> {
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, text: await response.text() };
}

/** Where a request goes: a server's base URL, or a function that answers it (a core in process). */
export type RequestTarget = string | ((request: BenchRequest) => Promise<Answer>);

/** Sends the request once and throws, with the answer, unless it got the expected status. */
export async function expectStatus(
  target: RequestTarget,
  request: BenchRequest,
  expected: number,
  who: string,
): Promise<Answer> {
  const answer = typeof target === 'string' ? await send(target, request) : await target(request);
  if (answer.status !== expected) {
    throw new Error(
      `${who} answered ${request.method} ${request.path} with ${answer.status}, expected ${expected}: ${answer.text.slice(0, 400)}`,
    );
  }
  return answer;
}

/**
 * Milliseconds from the server's spawn to its first 2xx answer to `request`, polling until then.
 * Connection refusals and non-2xx answers while it starts are retried.
 */
export async function msToFirstSuccess(
  baseUrl: string,
  request: BenchRequest,
  spawnedAt: number,
  timeoutMs = 30_000,
): Promise<number> {
  let last = 'no answer';
  while (performance.now() - spawnedAt < timeoutMs) {
    try {
      const answer = await send(baseUrl, request);
      if (answer.status >= 200 && answer.status < 300) return performance.now() - spawnedAt;
      last = `${answer.status} ${answer.text.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`no 2xx answer to ${request.method} ${request.path} within ${timeoutMs / 1000} s (last: ${last})`);
}
