import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { paths as LearningBuilderPaths } from '../../../openapi/generated/learning-builder.js';
import type { paths as StackOnePaths } from '../../../openapi/generated/stackone-lms.js';
import type { paths as ThoughtIndustriesPaths } from '../../../openapi/generated/thought-industries.js';
import type { paths as ControlPaths } from '../../../openapi/generated/bulkmock-control.js';
import { createMockCore, type CreateMockOptions } from '../../builtInVendors.js';
import type { MockCore } from '../../core/mockCore.js';
import { bodyFromBytes } from '../../core/mockRequest.js';
import { serializeBody } from '../../core/mockResponse.js';
import { matchesRestOfPath } from '../../spec/operationParameters.js';
import type { OperationEntry } from '../../spec/specRegistry.js';

/** Every path bulkmock serves, as the generated types name them. */
export type BulkmockPath =
  keyof ThoughtIndustriesPaths | keyof StackOnePaths | keyof LearningBuilderPaths | keyof ControlPaths;

/**
 * MSW handlers over one mock core. We use plain `msw` rather than `openapi-msw`: the handlers are
 * derived from the specs' paths by one loop, not written per endpoint, so per-handler request and
 * response typing would type code we do not write. The generated `paths` types still pin every
 * path we register (`BulkmockPath`), and the core validates bodies against the same specs.
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

  const operationHandlers = core.routes.entries.map((entry) => {
    const path: BulkmockPath = entry.pathTemplate as BulkmockPath;
    return http[entry.method as 'get'](`${origin}${mswPath(entry, path)}`, resolver);
  });
  // Anything under a served prefix that no operation matches still gets the vendor's 404/405.
  const fallbacks = core.prefixes.map(([prefix]) => http.all(`${origin}${prefix}*`, resolver));
  // A replayed recording can hold paths outside the vendors' prefixes (a page a link leads to).
  const replay = core.replay;
  const replayed = replay
    ? [
        http.all(`${origin}/*`, ({ request }) =>
          replay.book.hasRoute(request.method, new URL(request.url).pathname) ? resolver({ request }) : undefined,
        ),
      ]
    : [];
  return [...operationHandlers, ...fallbacks, ...replayed];
}

/** `/jobs/{id}` -> `/jobs/:id`; a parameter that takes the rest of the path becomes `*`. */
function mswPath(entry: OperationEntry, template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => (matchesRestOfPath(entry, name) ? '*' : `:${name}`));
}

/** A mock core and its handlers in one call, for `setupServer(...handlers)` or `setupWorker(...handlers)`. */
export function createBulkmock(options: CreateMockOptions & { origin?: string } = {}): {
  core: MockCore;
  handlers: HttpHandler[];
} {
  const core = createMockCore(options);
  return { core, handlers: createHandlers(core, { origin: options.origin }) };
}
