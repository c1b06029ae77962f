import { connect } from 'node:net';
import { send } from '../support/benchRequest.js';
import { startBulkmock } from '../support/benchServers.js';
import { generateBody } from '../support/ingestData.js';
import { mib } from '../support/printedFigures.js';
import { stillServing, withPeakRss, type AbuseResult } from './abuseCase.js';

/** Bounded means: the server never grows past 1 GiB over where it started (it reached 4.4 GB and died). */
const growthLimitMb = 1024;
const tiHeaders = { authorization: 'Bearer bench-ti-key', 'content-type': 'application/json' };

/**
 * (c) Reproduction 3: clients that give up on a 100,000-row dry run held for a long latency, and
 * connections that never read their answer. The fix is issue 12 item 4 (another branch); on a branch
 * without it this case may MISS.
 */
export async function abandonedClients(options: { abandoned: number; nonReading: number }): Promise<AbuseResult> {
  const server = await startBulkmock();
  const targets: AbuseResult['targets'] = [];
  try {
    const webinars = await generateBody('ti-webinar', 100_000, 3);
    const upload = await send(server.url, {
      method: 'PUT',
      path: '/__bulkmock/assets/abuse/webinars.csv',
      headers: { 'content-type': 'text/csv' },
      body: webinars.text,
    });
    if (upload.status !== 201) throw new Error(`uploading the 100,000-row file answered ${upload.status}`);
    const dryRun = JSON.stringify({ bulkImportAssetPath: 'abuse/webinars.csv', dryRun: true });

    const abandoned = await withPeakRss(server.pid, async () => {
      let gaveUp = 0;
      await Promise.all(
        Array.from({ length: options.abandoned }, async () => {
          try {
            const response = await fetch(`${server.url}/incoming/v2/content/courseGroup/webinar/bulk`, {
              method: 'POST',
              headers: { ...tiHeaders, 'x-bulkmock-latency': '999999' },
              body: dryRun,
              signal: AbortSignal.timeout(2_000),
            });
            await response.text();
          } catch {
            gaveUp += 1;
          }
        }),
      );
      // What the server holds for the gone clients is measured a little after they left.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      return gaveUp;
    });
    console.log(
      `${options.abandoned} abandoned dry runs (${abandoned.value} gave up after 2 s): RSS +${mib(abandoned.peakGrowthMb)} MiB over ${abandoned.seconds.toFixed(1)} s`,
    );
    targets.push({
      target: `${options.abandoned} abandoned 100,000-row dry runs: RSS growth < ${growthLimitMb} MiB`,
      measured: `${mib(abandoned.peakGrowthMb)} MiB`,
      met: abandoned.peakGrowthMb < growthLimitMb,
    });
    // The dry runs the clients left still run one after another; a live server answers once they are done.
    const aliveAfterAbandoned = await stillServing(server.url, 150_000);
    targets.push({
      target: 'abandoned clients: the server still serves',
      measured: aliveAfterAbandoned ? 'yes' : 'no',
      met: aliveAfterAbandoned,
    });

    const sockets: ReturnType<typeof connect>[] = [];
    const nonReading = await withPeakRss(server.pid, async () => {
      const request = `POST /incoming/v2/content/courseGroup/webinar/bulk HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer bench-ti-key\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(dryRun)}\r\n\r\n${dryRun}`;
      const { port } = new URL(server.url);
      for (let i = 0; i < options.nonReading; i++) {
        const socket = connect({ host: '127.0.0.1', port: Number(port) });
        socket.on('error', () => undefined);
        // Never read: the answer piles up in the server until something gives.
        socket.pause();
        socket.write(request);
        sockets.push(socket);
      }
      // Long enough for the server to work through every request (about 1.5 s each on an idle machine).
      const deadline = performance.now() + Math.min(150_000, options.nonReading * 2_500);
      while (performance.now() < deadline && (await stillServing(server.url)))
        await new Promise((resolve) => setTimeout(resolve, 1_000));
    });
    console.log(
      `${options.nonReading} connections that never read: RSS +${mib(nonReading.peakGrowthMb)} MiB over ${nonReading.seconds.toFixed(1)} s`,
    );
    targets.push({
      target: `${options.nonReading} non-reading connections: RSS growth < ${growthLimitMb} MiB`,
      measured: `${mib(nonReading.peakGrowthMb)} MiB`,
      met: nonReading.peakGrowthMb < growthLimitMb,
    });
    const alive = await stillServing(server.url, 150_000);
    for (const socket of sockets) socket.destroy();
    targets.push({
      target: 'non-reading connections: the server still serves',
      measured: alive ? 'yes' : 'no',
      met: alive,
    });
    return {
      name: 'abandoned clients',
      targets,
      figures: {
        abandoned: options.abandoned,
        gaveUp: abandoned.value,
        abandonedGrowthMb: abandoned.peakGrowthMb,
        nonReading: options.nonReading,
        nonReadingGrowthMb: nonReading.peakGrowthMb,
      },
    };
  } finally {
    await server.stop();
  }
}
