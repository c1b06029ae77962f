import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { paths as LearningBuilderPaths } from '../../../openapi/generated/learning-builder.js';
import type { paths as StackOnePaths } from '../../../openapi/generated/stackone-lms.js';
import type { paths as ThoughtIndustriesPaths } from '../../../openapi/generated/thought-industries.js';
import type { paths as ControlPaths } from '../../../openapi/generated/bulkmock-control.js';
import { createMockCore, type CreateMockOptions } from '../../builtInVendors.js';
import type { MockCore } from '../../core/mockCore.js';
import { bodyFromBytes } from '../../core/mockRequest.js';
import { serializeBody } from '../../core/mockResponse.js';

/** Every path bulkmock serves, as the generated types name them. */
export type BulkmockPath =
  keyof ThoughtIndustriesPaths | keyof StackOnePaths | keyof LearningBuilderPaths | keyof ControlPaths;

/**
 * MSW handlers over one mock core. We use plain `msw` rather than `openapi-msw`: the core routes
 * and validates every request against the specs, so per-endpoint request and response typing would
 * type code we do not write.
 *
 * The resolver only converts between Fetch objects and the core's plain request and response.
 */
export function createHandlers(core: MockCore, options: { origin?: string } = {}): HttpHandler[] {
  const origin = options.origin ?? '*';
  const resolver = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const bytes = new Uint8Array(await request.arrayBuffer());
    const response = await core.handle(
      {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: bodyFromBytes(bytes, core.state.settings.maxBodyBytes),
      },
      url.origin,
    );
    if (response.delayMs > 0) await delay(response.delayMs);
    return new HttpResponse(serializeBody(response), { status: response.status, headers: response.headers });
  };

  // One handler for every served prefix: the core routes by its own table, so a handler per
  // operation only made MSW match (and compile) up to thirty paths before the one that answers.
  // Anything under a prefix that no operation matches still gets the vendor's 404 or 405 there.
  const served = http.all(servedUrls(origin, core.prefixes), resolver);
  // A replayed recording can hold paths outside the vendors' prefixes (a page a link leads to).
  const replay = core.replay;
  const replayed = replay
    ? [
        http.all(`${origin}/*`, ({ request }) =>
          replay.book.hasRoute(request.method, new URL(request.url).pathname) ? resolver({ request }) : undefined,
        ),
      ]
    : [];
  return [served, ...replayed];
}

/** Request URLs (without query) whose path starts with one of the prefixes, on `origin` or on any origin for `*`. */
function servedUrls(origin: string, prefixes: MockCore['prefixes']): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = origin === '*' ? '[a-z][a-z0-9+.-]*://[^/]+' : escape(origin.replace(/\/+$/, ''));
  return new RegExp(`^${start}(?:${prefixes.map(([prefix]) => escape(prefix)).join('|')})`, 'i');
}

/** A mock core and its handlers in one call, for `setupServer(...handlers)` or `setupWorker(...handlers)`. */
export function createBulkmock(options: CreateMockOptions & { origin?: string } = {}): {
  core: MockCore;
  handlers: HttpHandler[];
} {
  const core = createMockCore(options);
  return { core, handlers: createHandlers(core, { origin: options.origin }) };
}
