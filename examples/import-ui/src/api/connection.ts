import type { MockTarget } from '../settings.js';

/** Realistic timing on the worker: a job queues for 0.8 s, then takes 0.15 s per row, so the progress bar has something to show. */
const workerTiming = { baseDelayMs: 800, perRowMs: 150 };

/** How the screen reaches the vendors: the base URL of every request and a sentence saying where that is. */
export interface Connection {
  target: MockTarget;
  /** '' on the worker (same origin: the service worker answers), the server's origin otherwise. */
  baseUrl: string;
  description: string;
  /** The mock's dashboard, when there is one to open. */
  dashboardUrl: string | null;
}

/**
 * On the worker, starts bulkmock inside this page behind MSW's service worker (loaded on demand, so
 * that a page aimed at a server never downloads the mock). Against a server, only checks it answers.
 */
export async function connect(target: MockTarget): Promise<Connection> {
  if (target.kind === 'server') {
    const health = await fetch(`${target.baseUrl}/__bulkmock/health`).catch((error: unknown) => {
      throw new Error(
        `no bulkmock server answers at ${target.baseUrl} (${(error as Error).message}); start one with: npx bulkmock serve`,
      );
    });
    if (!health.ok && health.status !== 401)
      throw new Error(`${target.baseUrl}/__bulkmock/health answered ${health.status}; is this a bulkmock server?`);
    return {
      target,
      baseUrl: target.baseUrl,
      description: `bulkmock server at ${target.baseUrl}`,
      dashboardUrl: `${target.baseUrl}/__bulkmock/`,
    };
  }
  const { setupBulkmockWorker } = await import('bulkmock/browser');
  const { worker } = setupBulkmockWorker({ timing: { mode: target.timing, ...workerTiming } });
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    // Vite's own requests (modules, HMR) go to the network untouched.
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return {
    target,
    baseUrl: '',
    description: `bulkmock in this page (MSW service worker), ${target.timing} timing`,
    dashboardUrl: null,
  };
}
