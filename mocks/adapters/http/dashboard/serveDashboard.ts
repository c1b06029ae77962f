import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The dashboard's files, by the name they are served under, with their media types. */
const files = {
  'dashboard.html': 'text/html; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
} as const;

type DashboardFile = keyof typeof files;

/** The page may load its own files and call its own origin, nothing else. */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Served from the files on every request, so an edited file shows on reload.
  'cache-control': 'no-cache',
};

/**
 * Where the dashboard's files are. They are plain HTML, CSS and JavaScript kept next to this module
 * in the source tree, so they can be read and edited as they are served. tsc does not copy them to
 * dist/, so when this module runs from dist/ they are found from the package root instead
 * (`<root>/mocks/adapters/http/dashboard/`).
 */
export function findDashboardFiles(moduleUrl: string = import.meta.url): string | null {
  const here = path.dirname(fileURLToPath(moduleUrl));
  if (existsSync(path.join(here, 'dashboard.html'))) return here;
  for (let dir = here; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!existsSync(path.join(dir, 'package.json'))) continue;
    const candidate = path.join(dir, 'mocks', 'adapters', 'http', 'dashboard');
    return existsSync(path.join(candidate, 'dashboard.html')) ? candidate : null;
  }
  return null;
}

/**
 * Routes for `startMockServer({ extraRoutes })` that serve the dashboard: the page at GET
 * /__bulkmock/ and its files under /__bulkmock/dashboard/. The page reads everything it shows from
 * the control API, so it needs no access to the mock core; when the mock has a control token the page
 * asks for it. Anything else is left to the mock (returns false).
 */
export function serveDashboard(
  options: { directory?: string | null } = {},
): (request: IncomingMessage, response: ServerResponse) => boolean {
  const directory = options.directory === undefined ? findDashboardFiles() : options.directory;

  return (request, response) => {
    // Asked of every request: anything outside /__bulkmock is the mock's, at the cost of one check.
    if (!(request.url ?? '/').startsWith('/__bulkmock')) return false;
    const pathname = (request.url ?? '/').split('?')[0]!;
    let file: DashboardFile | null;
    if (pathname === '/__bulkmock') {
      response.writeHead(308, { location: '/__bulkmock/' }).end();
      return true;
    } else if (pathname === '/__bulkmock/') {
      file = 'dashboard.html';
    } else if (pathname.startsWith('/__bulkmock/dashboard/')) {
      const name = pathname.slice('/__bulkmock/dashboard/'.length);
      file = Object.hasOwn(files, name) && name !== 'dashboard.html' ? (name as DashboardFile) : null;
    } else {
      return false;
    }

    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(response, 405, `${method} is not allowed on ${pathname}; the dashboard only answers GET`, {
        allow: 'GET, HEAD',
      });
      return true;
    }
    if (file === null) {
      sendText(
        response,
        404,
        `the dashboard has no file ${pathname}; it serves ${Object.keys(files)
          .filter((f) => f !== 'dashboard.html')
          .map((f) => `/__bulkmock/dashboard/${f}`)
          .join(', ')}`,
      );
      return true;
    }
    if (directory === null) {
      sendText(
        response,
        500,
        'the dashboard files are missing from this installation of bulkmock (expected mocks/adapters/http/dashboard/ under the package root); the control API under /__bulkmock/ still works',
      );
      return true;
    }
    let body: Buffer;
    try {
      body = readFileSync(path.join(directory, file));
    } catch (error) {
      sendText(
        response,
        500,
        `cannot read the dashboard file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return true;
    }
    response.writeHead(200, { 'content-type': files[file], 'content-length': body.byteLength, ...securityHeaders });
    response.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
