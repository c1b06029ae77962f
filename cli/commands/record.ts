import { defaultBodyLimit, startRecordingProxy } from '../../recording/recordingProxy.js';
import { HarFileWriter } from '../../recording/harFile.js';
import { vendors } from '../../mocks/spec/specRegistry.js';
import { parseTargetUrl } from '../../contracts/target.js';
import { choiceOption, integerOption, sizeOption, UsageError, type Command } from '../command.js';
import { packageVersion } from '../packageInfo.js';

export const command: Command = {
  name: 'record',
  summary: "Record a vendor platform's answers to a HAR file through a validating proxy",
  usage: 'bulkmock record <vendor> --upstream <url> --out <file.har> [options]',
  positionals: true,
  details: `Point your client at the proxy instead of the platform: every request goes to the upstream
unchanged and every answer comes back unchanged. Each exchange is validated against the vendor's
spec as it passes (violations are printed and kept in the HAR entry's comment) and written to the
HAR with every credential replaced by [redacted]. The HAR is complete and valid after every
exchange, so stopping the proxy any way keeps what it recorded.

Against any upstream but 127.0.0.1, localhost or ::1, only reads and dry runs are forwarded; any
other request gets a 403 from the proxy that says why, unless --allow-writes is given (use a sandbox).

Vendors: ${vendors.join(', ')}

Examples:
  bulkmock record thought-industries --upstream https://acme-sandbox.thoughtindustries.com --out ti.har
  bulkmock record stackone --upstream https://api.stackone.com --port 4011 --out stackone.har
  bulkmock fidelity --har ti.har`,
  options: {
    upstream: {
      type: 'string',
      value: 'url',
      description: 'The platform to forward to: an http(s) origin, without a path.',
    },
    out: { type: 'string', value: 'file.har', description: 'Where to write the HAR (overwritten).' },
    port: { type: 'string', value: 'n', default: '4011', description: 'Port to listen on (0 picks a free one).' },
    host: { type: 'string', value: 'addr', default: '127.0.0.1', description: 'Address to bind.' },
    'allow-writes': { type: 'boolean', description: 'Forward requests that change data to a non-local upstream too.' },
    'body-limit': {
      type: 'string',
      value: 'size',
      default: `${defaultBodyLimit / 1024 / 1024}mb`,
      description:
        'Body text kept per request and per answer in the HAR; a longer body streams through whole but is cut in the HAR (with a comment) and not validated.',
    },
  },
  async run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError(`give exactly one vendor (${vendors.join(', ')})`);
    const vendor = choiceOption('vendor', positionals[0], vendors);
    if (!values.upstream)
      throw new UsageError(
        '--upstream is required: the platform to forward to, such as https://acme.thoughtindustries.com',
      );
    if (!values.out) throw new UsageError('--out is required: the HAR file to write');
    let upstream: URL;
    try {
      upstream = parseTargetUrl(String(values.upstream));
    } catch (error) {
      throw new UsageError(`--upstream: ${(error as Error).message}`);
    }
    if (upstream.pathname !== '/')
      throw new UsageError(
        `--upstream must be an origin without a path (got ${upstream.pathname}); request paths such as /incoming/v2/... are forwarded as they come`,
      );
    const port = integerOption('port', values.port, 0, 65535);
    const host = String(values.host).trim();
    if (host === '') throw new UsageError('--host must name an address, such as 127.0.0.1');
    const bodyLimit = sizeOption('body-limit', values['body-limit']);
    const allowWrites = values['allow-writes'] === true;
    const out = String(values.out);

    const writer = await HarFileWriter.create(
      out,
      { name: 'bulkmock', version: packageVersion() },
      `bulkmock record ${vendor} --upstream ${upstream.origin}`,
    ).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot write ${out}: ${error.code ?? error.message}`);
    });
    const proxy = await startRecordingProxy({
      vendor,
      upstream,
      writer,
      host,
      port,
      allowWrites,
      bodyLimit,
      log: (line) => output.out(line),
    }).catch(async (error: NodeJS.ErrnoException) => {
      await writer.close();
      if (error.code === 'EADDRINUSE')
        throw new Error(`port ${port} on ${host} is already in use; pick another with --port`);
      throw error;
    });
    const stopped = new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        output.err(`\nreceived ${signal}, finishing the open exchanges and closing ${out}`);
        proxy.close().then(resolve, resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    output.out(`bulkmock ${packageVersion()} recording ${vendor} from ${upstream.origin} on ${proxy.url} to ${out}`);
    output.out(
      `  writes ${allowWrites || ['127.0.0.1', 'localhost', '::1'].includes(upstream.hostname) ? 'are forwarded' : 'are refused (reads and dry runs only; --allow-writes to change that)'}`,
    );
    if (!['127.0.0.1', 'localhost', '::1'].includes(host) && !/^127(\.\d{1,3}){3}$/.test(host)) {
      output.err(
        `warning: bound to ${host}, so other machines can send requests through this proxy to ${upstream.origin} with their own credentials`,
      );
    }
    await stopped;
    const { recorded, withViolations, refused } = proxy.stats;
    output.out(`recorded ${recorded} exchange(s) to ${out}: ${withViolations} broke the spec, ${refused} refused`);
    return 0;
  },
};
