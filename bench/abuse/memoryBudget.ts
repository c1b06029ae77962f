import { send } from '../support/benchRequest.js';
import { startBulkmock } from '../support/benchServers.js';
import { generateBody } from '../support/ingestData.js';
import { count, mib } from '../support/printedFigures.js';
import { stillServing, withPeakRss, type AbuseResult } from './abuseCase.js';

const budget = '64mb';
const lbHeaders = { authorization: 'apikey bench-lb-key', 'content-type': 'application/x-ndjson' };

/**
 * (b) Reproduction 4 under a small budget: Learning Builder batches of 20,000 records, then 8 MB asset
 * uploads, until the mock refuses (503 with Retry-After, 507); the server must survive and every
 * batch it accepted must still be readable.
 */
export async function memoryBudget(): Promise<AbuseResult> {
  const server = await startBulkmock(['--max-memory', budget, '--timing', 'manual']);
  const targets: AbuseResult['targets'] = [];
  try {
    const batch = await generateBody('lb-record', 20_000, 7);
    const accepted: string[] = [];
    const measured = await withPeakRss(server.pid, async () => {
      for (let i = 0; i < 40; i++) {
        const answer = await send(server.url, {
          method: 'POST',
          path: `/API/WorkflowImportQueue/CreateBatch?importProcessId=17&fileName=b${i}.jsonl`,
          headers: lbHeaders,
          body: batch.text,
        });
        if (answer.status !== 200) return answer;
        accepted.push((JSON.parse(answer.text) as { queueBatchId: string }).queueBatchId);
      }
      return null;
    });
    const refusal = measured.value;
    console.log(
      `memory budget ${budget}: ${accepted.length} batches of ${count(batch.rows)} records (${mib(batch.bytes / 2 ** 20)} MiB each) accepted, then ${refusal?.status ?? 'no refusal'}; RSS +${mib(measured.peakGrowthMb)} MiB`,
    );
    const retryAfter = refusal ? await retryAfterOf(server.url, batch.text) : null;
    targets.push({
      target: `Learning Builder batches past --max-memory ${budget}: 503 with Retry-After naming --max-memory`,
      measured: refusal
        ? `${refusal.status} (Retry-After ${retryAfter}) ${refusal.text.slice(0, 80)}...`
        : 'never refused',
      met: refusal?.status === 503 && retryAfter !== null && refusal.text.includes('--max-memory'),
    });

    let readable = 0;
    for (const id of accepted) {
      const details = await send(server.url, {
        method: 'GET',
        path: `/__bulkmock/learning-builder/batches/${id}`,
        headers: { accept: 'application/json' },
      });
      if (details.status === 200 && (JSON.parse(details.text) as { recordCount: number }).recordCount === batch.rows)
        readable += 1;
    }
    targets.push({
      target: 'every batch accepted before the refusal is still readable',
      measured: `${readable} of ${accepted.length}`,
      met: accepted.length > 0 && readable === accepted.length,
    });

    const upload = 'x'.repeat(8 * 1024 * 1024);
    let uploadStatus = 0;
    for (let i = 0; i < 20 && uploadStatus !== 507; i++) {
      uploadStatus = (
        await send(server.url, {
          method: 'PUT',
          path: `/__bulkmock/assets/abuse/file-${i}.csv`,
          headers: { 'content-type': 'text/csv' },
          body: upload,
        })
      ).status;
    }
    targets.push({
      target: 'asset uploads past the budget: 507',
      measured: String(uploadStatus),
      met: uploadStatus === 507,
    });
    const alive = await stillServing(server.url);
    targets.push({ target: 'memory budget: the server still serves', measured: alive ? 'yes' : 'no', met: alive });
    return {
      name: 'memory budget',
      targets,
      figures: {
        budget,
        batchRecords: batch.rows,
        batchBytes: batch.bytes,
        acceptedBatches: accepted.length,
        refusal: refusal?.status ?? null,
        peakGrowthMb: measured.peakGrowthMb,
        uploadStatus,
      },
    };
  } finally {
    await server.stop();
  }
}

async function retryAfterOf(url: string, body: string): Promise<string | null> {
  const response = await fetch(`${url}/API/WorkflowImportQueue/CreateBatch?importProcessId=17`, {
    method: 'POST',
    headers: lbHeaders,
    body,
  });
  await response.text();
  return response.headers.get('retry-after');
}
