/**
 * The ceiling: a bare node:http server that reads each request's body and answers 200 with one
 * fixed JSON body: the first argument, or with `--bytes=N` a padded JSON object of exactly N bytes
 * (the ingest bench's answers run to megabytes, too long for a command line). With a second
 * argument `--burn-us=N` it first burns N microseconds of CPU per request (a loop calibrated at
 * start), standing in for a server's own work. Run as its own process by the benches, like the
 * servers it is compared with.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const argument = process.argv[2] ?? '{"ok":true}';
const body = argument.startsWith('--bytes=')
  ? paddedJson(Number(argument.slice('--bytes='.length)))
  : Buffer.from(argument);
JSON.parse(body.toString('utf8'));
const headers = { 'content-type': 'application/json', 'content-length': String(body.byteLength) };
const burnArgument = process.argv[3];
const burnUs = burnArgument?.startsWith('--burn-us=') ? Number(burnArgument.slice('--burn-us='.length)) : 0;
if (!(burnUs >= 0)) throw new Error(`--burn-us must be a number of microseconds, got ${burnArgument}`);
/** What the burn loop writes, so that it cannot be optimized away. */
let sink = 0;
const burnLoops = Math.round(burnUs * loopsPerMicrosecond());

const server = createServer((req, res) => {
  // The request is read in full, as any server that looks at bodies must.
  req.resume();
  req.once('end', () => {
    if (burnLoops > 0) burn(burnLoops);
    res.writeHead(200, headers).end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`bare node:http listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});

/** `{"pad":"xx…"}` of exactly `bytes` bytes (at least the 10 bytes of `{"pad":""}`). */
function paddedJson(bytes: number): Buffer {
  if (!Number.isSafeInteger(bytes) || bytes < 10)
    throw new Error(`--bytes must be an integer of at least 10, got ${bytes}`);
  return Buffer.from(`{"pad":"${'x'.repeat(bytes - 10)}"}`);
}

function burn(loops: number): void {
  for (let i = 0; i < loops; i++) sink = (sink * 31 + i) | 0;
}

/** Loops of `burn` per CPU microsecond: the best of five measures, the one least disturbed by neighbours. */
function loopsPerMicrosecond(): number {
  const loops = 20_000_000;
  burn(loops);
  let best = 0;
  for (let i = 0; i < 5; i++) {
    const started = process.cpuUsage();
    burn(loops);
    const used = process.cpuUsage(started);
    best = Math.max(best, loops / (used.user + used.system));
  }
  return best;
}
