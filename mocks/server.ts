/**
 * The standalone server (`bulkmock/server`): every vendor over node:http, the same server
 * `bulkmock serve` runs. Node only, and free of MSW, so it works without the msw peer dependency.
 *
 *   const server = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' } } });
 *   // ... fetch(`${server.url}/unified/lms/courses`) ...
 *   await server.close();
 */
export {
  startMockServer,
  defaultRequestTimeoutMs,
  type RunningServer,
  type StartServerOptions,
} from './adapters/http/httpServer.js';
