import { describe, expect, it } from 'vitest';
import { setupBulkmockServer } from '../../mocks/adapters/msw/node.js';
import { redactEntry } from '../../mocks/replay/credentialRedaction.js';
import { buildFieldReport } from '../../recording/fieldReport.js';
import { parseHar, type HarLog } from '../../mocks/replay/har.js';
import { encodingsOf } from './importClients.js';

const key = 'chrome-ti-key/9+Z';
const session = 'sess-7f3a9c21d4';
const jobId = '3f0c1a52-7e44-4d1b-9a0e-2b6f4c8d9e10';
const jobBody = JSON.stringify({
  data: {
    APIBackgroundJob: {
      id: jobId,
      type: 'courseGroupWebinarBulkImport',
      description: 'Import',
      createdAt: '2026-11-30T09:00:00.000Z',
      repeatable: false,
      status: 'complete',
      progress: { processed: 3, total: 3 },
    },
  },
});

/** A HAR as Chrome's developer tools save it ("Save all as HAR with content") on the vendor's web app. */
function chromeHar(): HarLog {
  return parseHar(
    {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [
          {
            startedDateTime: '2026-11-30T09:00:00.000Z',
            id: 'page_1',
            title: 'https://acme.thoughtindustries.com/learn/admin',
            pageTimings: { onContentLoad: 300, onLoad: 500 },
          },
        ],
        entries: [
          {
            _initiator: { type: 'script', stack: { callFrames: [] } },
            _priority: 'High',
            _resourceType: 'fetch',
            cache: {},
            connection: '443',
            pageref: 'page_1',
            request: {
              method: 'GET',
              url: `https://acme.thoughtindustries.com/incoming/v2/jobs/${jobId}`,
              httpVersion: 'http/2.0',
              headers: [
                { name: ':authority', value: 'acme.thoughtindustries.com' },
                { name: ':method', value: 'GET' },
                { name: 'Authorization', value: `Bearer ${key}` },
                { name: 'Cookie', value: `_ti_session=${session}; locale=en` },
              ],
              queryString: [],
              cookies: [
                {
                  name: '_ti_session',
                  value: session,
                  path: '/',
                  domain: 'acme.thoughtindustries.com',
                  expires: null,
                  httpOnly: true,
                  secure: true,
                },
              ],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: '',
              httpVersion: 'http/2.0',
              headers: [
                { name: 'content-type', value: 'application/json; charset=utf-8' },
                { name: 'set-cookie', value: `_ti_session=${session}; Path=/; Secure; HttpOnly` },
              ],
              cookies: [{ name: '_ti_session', value: session, path: '/', httpOnly: true, secure: true }],
              content: {
                size: jobBody.length,
                mimeType: 'application/json',
                text: Buffer.from(jobBody).toString('base64'),
                encoding: 'base64',
              },
              redirectURL: '',
              headersSize: -1,
              bodySize: -1,
              _transferSize: 412,
              _error: null,
            },
            serverIPAddress: '203.0.113.7',
            startedDateTime: '2026-11-30T09:00:01.000Z',
            time: 84.2,
            timings: {
              blocked: 1.1,
              dns: -1,
              ssl: -1,
              connect: -1,
              send: 0.2,
              wait: 80.3,
              receive: 2.6,
              _blocked_queueing: 0.9,
            },
          },
          {
            _initiator: { type: 'parser', url: 'https://acme.thoughtindustries.com/learn/admin' },
            _resourceType: 'script',
            cache: {},
            pageref: 'page_1',
            request: {
              method: 'GET',
              url: 'https://acme.thoughtindustries.com/assets/app.js',
              httpVersion: 'http/2.0',
              headers: [],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: '',
              httpVersion: 'http/2.0',
              headers: [{ name: 'content-type', value: 'text/javascript' }],
              cookies: [],
              content: { size: 20, mimeType: 'text/javascript', text: 'console.log("app")' },
              redirectURL: '',
              headersSize: -1,
              bodySize: -1,
            },
            startedDateTime: '2026-11-30T09:00:00.500Z',
            time: 10,
            timings: { send: 0, wait: 9, receive: 1 },
          },
        ],
      },
    },
    'chrome.har',
  );
}

describe('a recording saved from a browser', () => {
  it('is redacted as it is read: no credential or cookie value survives, in any encoding', () => {
    const text = JSON.stringify(chromeHar().log.entries.map((entry) => redactEntry(entry)));
    for (const secret of [key, session])
      for (const form of encodingsOf(secret)) expect(text.includes(form), form).toBe(false);
    const [entry] = chromeHar().log.entries.map((e) => redactEntry(e));
    expect(entry!.request.headers.find((h) => h.name === 'Cookie')?.value).toBe(
      '_ti_session=[redacted]; locale=[redacted]',
    );
    expect(entry!.response.content).toMatchObject({ text: jobBody });
    expect(entry!.response.content.encoding).toBeUndefined();
    expect(entry!._resourceType).toBe('fetch');
  });

  it('replays through the MSW adapter: base64 content decoded, other requests left alone', async () => {
    const { server } = setupBulkmockServer({
      replay: { recordings: [{ name: 'chrome.har', har: chromeHar() }] },
      origin: 'https://acme.thoughtindustries.com',
    });
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      const replayed = await fetch(`https://acme.thoughtindustries.com/incoming/v2/jobs/${jobId}`, {
        headers: { authorization: 'Bearer another-key-of-mine' },
      });
      expect(replayed.status).toBe(200);
      expect(await replayed.text()).toBe(jobBody);
      expect(replayed.headers.get('x-bulkmock-replay')).toBe('chrome.har#0');
      expect(replayed.headers.get('set-cookie')).toBeNull();
      // Another job is simulated: the mock does not know it.
      const simulated = await fetch(
        'https://acme.thoughtindustries.com/incoming/v2/jobs/9a9a9a9a-7e44-4d1b-9a0e-2b6f4c8d9e10',
        { headers: { authorization: 'Bearer k' } },
      );
      expect(simulated.status).toBe(404);
      expect(simulated.headers.get('x-bulkmock-replay')).toBeNull();
    } finally {
      server.close();
    }
  });

  it("feeds the field report: the API call is judged, the page's script is outside the specs", () => {
    const report = buildFieldReport([{ name: 'chrome.har', har: chromeHar() }]);
    expect(report.entries).toMatchObject({ total: 2, matched: 1, outsideSpecs: 1 });
    expect(report.vendors).toEqual(['thought-industries']);
    // The job answer exercises the designed progress shape; how a job moves between states (BackgroundJobStatus) is a behaviour no single answer shows.
    expect(report.rules.find((r) => r.rule.id === 'thought-industries#/components/schemas/JobProgress')?.verdict).toBe(
      'confirmed',
    );
    expect(report.unobservable.map((u) => u.rule.id)).toContain(
      'thought-industries#/components/schemas/BackgroundJobStatus',
    );
    expect(report.documentedContradictions).toEqual([]);
  });
});
