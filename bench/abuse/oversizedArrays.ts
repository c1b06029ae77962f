import { encodeBase64 } from '../../mocks/core/base64.js';
import { send } from '../support/benchRequest.js';
import { startBulkmock } from '../support/benchServers.js';
import { count, mib } from '../support/printedFigures.js';
import { stillServing, withPeakRss, type AbuseResult } from './abuseCase.js';

/** Issue 12, item 2: refused with the documented 4xx in under 1 s, the server growing under 200 MB. */
const goals = { seconds: 1, growthMb: 200e6 / 2 ** 20 };

const cases: Array<{
  label: string;
  path: string;
  headers: Record<string, string>;
  body: () => string;
  status: number;
}> = [
  {
    label: '1,000,000-item StackOne batch',
    path: '/unified/lms/courses/batch',
    headers: {
      authorization: `Basic ${encodeBase64('bench-so-key:')}`,
      'x-account-id': 'bench',
      'content-type': 'application/json',
    },
    body: () => `{"items":[${'0,'.repeat(999_999)}0]}`,
    status: 400,
  },
  {
    label: '12,000,000-entry certificate templates body',
    path: '/incoming/v2/content/certificate-templates/bulk',
    headers: { authorization: 'Bearer bench-ti-key', 'content-type': 'application/json' },
    body: () => `{"templates":[${'0,'.repeat(11_999_999)}0]}`,
    status: 422,
  },
];

/** (a) The oversized bodies of reproduction 2, at full size, against a real `bulkmock serve`. */
export async function oversizedArrays(): Promise<AbuseResult> {
  const server = await startBulkmock();
  const targets: AbuseResult['targets'] = [];
  const figures: Record<string, unknown> = {};
  try {
    for (const c of cases) {
      // A small oversized body first, so that compiling the operation's validators is not timed.
      await send(server.url, {
        method: 'POST',
        path: c.path,
        headers: c.headers,
        body: `{"${c.path.includes('batch') ? 'items' : 'templates'}":[${'0,'.repeat(600)}0]}`,
      });
      // Encoded before the clock starts: the figure is the server's, not the bench's string handling.
      const body = Buffer.from(c.body());
      const measured = await withPeakRss(server.pid, async () => {
        const response = await fetch(server.url + c.path, { method: 'POST', headers: c.headers, body });
        await response.text();
        return response;
      });
      const { status } = measured.value;
      figures[c.label] = {
        bodyBytes: body.length,
        status,
        seconds: measured.seconds,
        peakGrowthMb: measured.peakGrowthMb,
      };
      console.log(
        `${c.label} (${count(body.length)} bytes): ${status} in ${measured.seconds.toFixed(3)} s, RSS +${mib(measured.peakGrowthMb)} MiB`,
      );
      targets.push(
        { target: `${c.label}: refused with ${c.status}`, measured: String(status), met: status === c.status },
        {
          target: `${c.label}: answered in < ${goals.seconds} s`,
          measured: `${measured.seconds.toFixed(3)} s`,
          met: measured.seconds < goals.seconds,
        },
        {
          target: `${c.label}: server RSS growth < 200 MB`,
          measured: `${mib(measured.peakGrowthMb)} MiB`,
          met: measured.peakGrowthMb < goals.growthMb,
        },
      );
    }
    const alive = await stillServing(server.url);
    targets.push({ target: 'oversized bodies: the server still serves', measured: alive ? 'yes' : 'no', met: alive });
  } finally {
    await server.stop();
  }
  return { name: 'oversized arrays', targets, figures };
}
