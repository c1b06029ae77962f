/**
 * The ceiling: a bare node:http server that reads each request's body and answers 200 with one
 * fixed JSON body (given as the first argument). Run as its own process by the serve bench, like
 * the servers it is compared with.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = Buffer.from(process.argv[2] ?? '{"ok":true}');
JSON.parse(body.toString('utf8'));
const headers = { 'content-type': 'application/json', 'content-length': String(body.byteLength) };

const server = createServer((req, res) => {
  // The request is read in full, as any server that looks at bodies must.
  req.resume();
  req.once('end', () => res.writeHead(200, headers).end(body));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`bare node:http listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
