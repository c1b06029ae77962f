import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { serveDashboard } from '../../mocks/adapters/http/dashboard/serveDashboard.js';
import {
  defaultRequestTimeoutMs,
  defaultStateSaveIntervalMs,
  defaultWriteTimeoutMs,
  startMockServer,
} from '../../mocks/adapters/http/httpServer.js';
import { parseKeyRing } from '../../mocks/core/keyRing.js';
import { parsePreload } from '../../mocks/preload/preloadPlan.js';
import { generatorKinds } from '../../generators/kinds/kindDefinition.js';
import { defaultSettings } from '../../mocks/core/mockSettings.js';
import { timingModes } from '../../mocks/jobs/jobLifecycle.js';
import { builtInVendors, selectVendors, type BuiltInVendorName } from '../../mocks/builtInVendors.js';
import { choiceOption, integerOption, numberOption, sizeOption, UsageError, type Command } from '../command.js';
import { packageVersion } from '../packageInfo.js';
import { readReplayOptions } from './replayOptions.js';
import type { CreateMockOptions } from '../../mocks/builtInVendors.js';
import { reportEventLoopDelay } from '../eventLoopReport.js';
import { reportHeapOnSignal } from '../heapReport.js';
import { checkControlExposure, isLoopback } from '../controlExposure.js';

/** The names `--vendor` takes: the built-in vendors' (mocks/builtInVendors.ts). */
const vendors = builtInVendors.map((vendor) => vendor.name as BuiltInVendorName);

export const command: Command = {
  name: 'serve',
  summary: 'Serve the stateful mock of every vendor over HTTP',
  usage: 'bulkmock serve [options]',
  details: `Every vendor is served on one port at its real path prefix (Thought Industries under /incoming/v2,
StackOne under /unified, Learning Builder under /API), so a client moves from the real platform to
the mock by changing only the host. The control API and dashboard are under /__bulkmock/.

Examples:
  bulkmock serve
  bulkmock serve --port 8080 --timing manual --seed 42
  bulkmock serve --vendor stackone --error-rate 0.1 --latency 200
  bulkmock serve --error-rate 0.2 --error-statuses 429,503
  bulkmock serve --assets fixtures/ --keys keys.json
  bulkmock serve --preload examples --preload stackone-course:50,ti-webinar:20
  bulkmock serve --replay sandbox.har --timing instant
  bulkmock serve --state-file state.json --timing manual
  bulkmock serve --host 0.0.0.0 --control-token "$TOKEN" --state-file /var/lib/bulkmock/state.json
  bulkmock serve --store redis://127.0.0.1:6379/0 --store-prefix staging --control-token "$TOKEN"   (one of several replicas)

A state file keeps jobs, records, uploaded assets, the id position and a manual clock across
restarts: loaded at start when it exists (a file that is not a bulkmock state document stops the
start, nothing half loaded), written atomically on SIGINT/SIGTERM and every --state-save-interval
seconds when something changed. With --store, replicas share one state in Redis instead (a shared
store needs a control token, as a non-loopback address does). See docs/deploy.md.`,
  options: {
    port: {
      type: 'string',
      value: 'n',
      default: '4010',
      env: 'PORT',
      description: 'Port to listen on (0 picks a free one).',
    },
    host: {
      type: 'string',
      value: 'addr',
      default: '127.0.0.1',
      description: 'Address to bind; anything but loopback exposes the mock to your network.',
    },
    vendor: {
      type: 'string',
      value: 'name',
      multiple: true,
      description: `Serve only this vendor: ${vendors.join(', ')} (default: all).`,
    },
    seed: {
      type: 'string',
      value: 'n',
      default: String(defaultSettings.seed),
      description: 'Seed for every id and injected fault.',
    },
    timing: {
      type: 'string',
      value: 'mode',
      default: 'realistic',
      description:
        'Job timing: instant (done at once), realistic (base delay + per-row cost), manual (moves only on POST /__bulkmock/clock/advance).',
    },
    'base-delay': {
      type: 'string',
      value: 'ms',
      default: String(defaultSettings.timing.baseDelayMs),
      description: 'Realistic timing: how long a job stays queued.',
    },
    'per-row': {
      type: 'string',
      value: 'ms',
      default: String(defaultSettings.timing.perRowMs),
      description: 'Realistic timing: processing cost per row.',
    },
    latency: { type: 'string', value: 'ms', default: '0', description: 'Latency added to every answer.' },
    'error-rate': {
      type: 'string',
      value: 'r',
      default: '0',
      description:
        'Share of vendor requests (0 to 1) answered with an injected fault: a status the operation documents, other than 400, 401, 403, 404, 413 and 415.',
    },
    'error-statuses': {
      type: 'string',
      value: 'list',
      description:
        'Narrow --error-rate to these statuses, e.g. 408,429,503; each operation draws from those it documents, and one that documents none of them gets no injected errors.',
    },
    preload: {
      type: 'string',
      value: 'what',
      multiple: true,
      description: `Start holding this state, and return to it on POST /__bulkmock/reset: examples (the jobs, batches, courses and assets the specs' examples refer to, with their ids) and/or kind:count of generated records imported through the vendor's API, e.g. stackone-course:50,ti-webinar:20 (kinds: ${generatorKinds.join(', ')}).`,
    },
    assets: {
      type: 'string',
      value: 'dir',
      description:
        'Preload every file under this folder as a Thought Industries import asset (path relative to the folder).',
    },
    keys: {
      type: 'string',
      value: 'file',
      description: 'Strict auth: a JSON file of accepted keys per vendor (see README).',
    },
    'control-token': {
      type: 'string',
      value: 'token',
      env: 'BULKMOCK_CONTROL_TOKEN',
      description:
        'Require this token in X-Bulkmock-Token on every /__bulkmock/ call. Required when --host is not a loopback address, unless --insecure-control.',
    },
    'insecure-control': {
      type: 'boolean',
      description:
        'Serve the control API without a token on a non-loopback --host: anyone who can reach the mock can reset it, load a state or read its records.',
    },
    'state-file': {
      type: 'string',
      value: 'file',
      description:
        'Keep the state in this JSON file: loaded at start if it exists (a corrupt or foreign file stops the start), saved atomically on shutdown and periodically.',
    },
    'state-save-interval': {
      type: 'string',
      value: 's',
      default: String(defaultStateSaveIntervalMs / 1000),
      description:
        'With --state-file: seconds between saves, each only when something changed (0: save only on shutdown).',
    },
    'import-process': {
      type: 'string',
      value: 'id',
      multiple: true,
      description:
        'Learning Builder: an import process that exists (repeatable); a batch for any other importProcessId gets a 404 (default: any id is accepted).',
    },
    log: { type: 'string', value: 'format', default: 'pretty', description: 'Request log: pretty, json, or none.' },
    'max-body': {
      type: 'string',
      value: 'size',
      default: '50mb',
      description: "Largest request body accepted; larger ones get the vendor's 413.",
    },
    'max-rows': {
      type: 'string',
      value: 'n',
      default: String(defaultSettings.maxRowsPerImport),
      description:
        'Most data rows in one Thought Industries import file (413 too_many_rows) or records in one Learning Builder batch (422 TOO_MANY_RECORDS).',
    },
    'max-jobs': {
      type: 'string',
      value: 'n',
      default: String(defaultSettings.maxJobs),
      description: 'Jobs kept for polling; past it the oldest finished jobs are forgotten (running jobs never are).',
    },
    'max-memory': {
      type: 'string',
      value: 'size',
      default: '1gb',
      description:
        "Bytes the mock keeps (assets, batches, records, courses, jobs; estimated as docs/limits.md says). Past it the oldest finished jobs are dropped, then new writes get the vendor's 503 (507 for an asset upload).",
    },
    replay: {
      type: 'string',
      value: 'file.har',
      multiple: true,
      description:
        'Answer requests that match a recorded one with the recorded answer (HAR from bulkmock record or a browser); others go to the simulation.',
    },
    'replay-only': {
      type: 'boolean',
      description:
        'With --replay: answer a request no recording matches with 404 naming the closest recording, instead of simulating it.',
    },
    'request-timeout': {
      type: 'string',
      value: 's',
      default: String(defaultRequestTimeoutMs / 1000),
      description:
        'Seconds a request body may pause (no byte arriving while the mock waits for one) before the client gets a 408 and is disconnected; headers must arrive within 20 s (0: no limit on the body).',
    },
    'write-timeout': {
      type: 'string',
      value: 's',
      default: String(defaultWriteTimeoutMs / 1000),
      description:
        'Seconds an answer may wait for its client to take any of its bytes before the connection is cut (counted in /__bulkmock/health; 0: no limit).',
    },
    'allowed-host': {
      type: 'string',
      value: 'name',
      multiple: true,
      description:
        'Also answer requests whose Host header names this host (repeatable; a leading dot allows its subdomains). Loopback names and IP addresses are always answered; any other Host gets 403, against DNS rebinding.',
    },
    store: {
      type: 'string',
      value: 'url',
      description:
        'Share the state with every replica started with the same store and options: redis://host:port/db (default: this process only). See docs/deploy.md.',
    },
    'store-prefix': {
      type: 'string',
      value: 'name',
      default: 'bulkmock',
      description: "With --store: the prefix of this mock's Redis keys, so several mocks share one Redis.",
    },
    'cors-origin': {
      type: 'string',
      value: 'origin',
      multiple: true,
      description:
        'Let pages from this origin, such as https://ui.example.test, call /__bulkmock/ (repeatable). Loopback origins always may; vendor paths answer every origin.',
    },
  },
  async run({ values }, output) {
    const port = integerOption('port', values.port, 0, 65535);
    const host = String(values.host).trim();
    // An empty address would make Node listen on every interface.
    if (host === '') throw new UsageError('--host must name an address, such as 127.0.0.1 (the default) or 0.0.0.0');
    const controlToken = (values['control-token'] as string | undefined) || null;
    const stateFile = values['state-file'] === undefined ? undefined : String(values['state-file']).trim();
    if (stateFile === '') throw new UsageError('--state-file must name a file, such as state.json');
    const saveIntervalMs = Math.round(
      numberOption('state-save-interval', values['state-save-interval'], 0, 86_400) * 1000,
    );
    const maxRowsPerImport = integerOption('max-rows', values['max-rows'], 1, 10_000_000);
    const maxJobs = integerOption('max-jobs', values['max-jobs'], 1, 10_000_000);
    const requestTimeoutMs = Math.round(numberOption('request-timeout', values['request-timeout'], 0, 3600) * 1000);
    const writeTimeoutMs = Math.round(numberOption('write-timeout', values['write-timeout'], 0, 3600) * 1000);
    const allowedHosts = (values['allowed-host'] as string[]).map((name) => name.trim().toLowerCase());
    for (const name of allowedHosts) {
      if (!/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/.test(name))
        throw new UsageError(
          `--allowed-host "${name}" is not a host name, such as mock.example.test or .example.test (with its subdomains)`,
        );
    }
    const corsOrigins = (values['cors-origin'] as string[]).map((origin) => origin.trim());
    for (const origin of corsOrigins) {
      if (!/^https?:\/\/[^/?#\s]+$/i.test(origin))
        throw new UsageError(
          `--cors-origin "${origin}" is not an origin: a scheme and a host, with a port if any, such as https://ui.example.test:8443`,
        );
    }
    const selected = (values.vendor as string[]).map((v) => choiceOption('vendor', v, vendors));
    const timing = choiceOption('timing', values.timing, timingModes);
    const log = choiceOption('log', values.log, ['pretty', 'json', 'none'] as const);
    const importProcessIds = (values['import-process'] as string[]).map((id) => id.trim());
    for (const id of importProcessIds) {
      if (!/^[A-Za-z0-9-]{1,64}$/.test(id))
        throw new UsageError(
          `--import-process "${id}" is not an import process id: 1 to 64 letters, digits or dashes, such as 4182`,
        );
    }
    const keys = values.keys ? await readKeys(String(values.keys)) : null;
    const assets = values.assets ? await readAssets(String(values.assets)) : {};
    const replay = await readReplayOptions(values);
    const preload = values.preload as string[];
    try {
      if (preload.length > 0) parsePreload(preload);
    } catch (error) {
      throw new UsageError(`--${(error as Error).message}`);
    }

    const store = storeOption(values.store as string | undefined, String(values['store-prefix']));
    checkControlExposure({ host, sharedStore: store !== null }, controlToken, values['insecure-control'] === true);
    if (store && stateFile !== undefined)
      throw new UsageError(
        '--state-file and --store do not go together: with --store the state lives in Redis, which keeps it (see docs/deploy.md)',
      );
    const mock: CreateMockOptions = {
      seed: integerOption('seed', values.seed, -(2 ** 31), 2 ** 32 - 1),
      vendors: selected.length > 0 ? [...new Set(selected)] : [...vendors],
      timing: {
        mode: timing,
        baseDelayMs: integerOption('base-delay', values['base-delay'], 0, 3_600_000),
        perRowMs: numberOption('per-row', values['per-row'], 0, 60_000),
      },
      latencyMs: integerOption('latency', values.latency, 0, 600_000),
      errorRate: numberOption('error-rate', values['error-rate'], 0, 1),
      errorStatuses:
        values['error-statuses'] === undefined
          ? null
          : statusListOption('error-statuses', String(values['error-statuses'])),
      maxBodyBytes: sizeOption('max-body', values['max-body']),
      maxRowsPerImport,
      maxJobs,
      maxMemoryBytes: sizeOption('max-memory', values['max-memory']),
      keys,
      controlToken: (values['control-token'] as string | undefined) || null,
      importProcessIds: importProcessIds.length > 0 ? [...new Set(importProcessIds)] : null,
      assets,
      ...(replay && { replay: replay.options }),
      preload: preload.length > 0 ? preload : undefined,
    };
    // Loaded only with --store: its Redis client (ioredis) took about 130 ms of every start.
    const replicated = store
      ? await import('../../mocks/replication/replicatedMock.js')
          .then(({ startReplicatedMock }) =>
            startReplicatedMock(mock, { ...store, report: (line) => output.err(line) }),
          )
          .catch(refusal(port, host))
      : undefined;
    const running = await startMockServer({
      host,
      port,
      requestTimeoutMs,
      writeTimeoutMs,
      allowedHosts,
      corsOrigins,
      ...(replicated ? { core: replicated } : { mock }),
      ...(stateFile !== undefined && {
        stateFile: {
          path: stateFile,
          saveIntervalMs,
          onSaveError: (error: Error) => output.err(`bulkmock serve: ${error.message}; will try again`),
        },
      }),
      extraRoutes: serveDashboard(),
      onRequest:
        log === 'none'
          ? undefined
          : log === 'json'
            ? (line) => output.out(JSON.stringify({ time: new Date().toISOString(), ...line }))
            : (line) =>
                output.out(
                  `${line.method.padEnd(6)} ${line.path} ${line.status} ${line.ms}ms${line.aborted ? ` aborted (${line.aborted === 'write-timeout' ? 'the client took none of the answer for --write-timeout' : 'the client left before the answer'})` : ''}`,
                ),
    }).catch(refusal(port, host));

    // Listening for signals before the banner, so whoever waits for the banner can stop us at once.
    const stopped = new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        output.err(
          `\nreceived ${signal}, shutting down${stateFile !== undefined ? ` and saving the state to ${stateFile}` : ''}`,
        );
        running.close().then(
          () => resolve(0),
          (error: Error) => {
            output.err(`bulkmock serve: ${error.message}`);
            resolve(1);
          },
        );
        // Open keep-alive or streaming connections get a short grace, then are cut.
        setTimeout(() => running.server.closeAllConnections(), 2_000).unref();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    const { settings } = running.core.state;
    output.out(
      `bulkmock ${packageVersion()} listening on ${running.url} (seed ${settings.seed}, ${settings.timing.mode} timing${keys ? ', strict auth' : ''})`,
    );
    for (const vendor of selectVendors(settings.vendors)) {
      output.out(`  ${vendor.title.padEnd(20)} ${running.url}${vendor.prefixes[0]!.replace(/\/$/, '')}`);
    }
    output.out(`  ${'Control API'.padEnd(20)} ${running.url}/__bulkmock/`);
    output.out(`  ${'Dashboard'.padEnd(20)} ${running.url}/__bulkmock/ (open in a browser)`);
    if (replay) output.out(replay.banner(running.core));
    if (Object.keys(assets).length > 0)
      output.out(`  preloaded ${Object.keys(assets).length} asset(s) from ${String(values.assets)}`);
    if (preload.length > 0) {
      const report = await running.core.ready;
      output.out(`  preloaded ${preload.join(',')}: ${report.jobs} job(s)`);
      for (const refusal of report.refused)
        output.err(`  preload: ${refusal.what} was refused (${refusal.status}): ${refusal.message}`);
    }
    if (stateFile !== undefined)
      output.out(
        `  ${'State file'.padEnd(20)} ${stateFile} (${running.loadedState ? `loaded, ${running.core.state.jobs.size} job(s)` : 'new'}; saved on shutdown${saveIntervalMs > 0 ? ` and every ${saveIntervalMs / 1000} s when changed` : ''})`,
      );
    if (!isLoopback(host)) {
      output.err(
        `warning: bound to ${host}, so other machines can reach this mock${settings.controlToken ? '' : ' and its control API (--insecure-control: no control token)'}`,
      );
    }

    const stopReport = reportEventLoopDelay(process.env, (line) => output.err(line));
    const stopHeapReport = reportHeapOnSignal(process.env, (line) => output.err(line));
    const status = await stopped;
    await replicated?.close();
    stopReport();
    stopHeapReport();
    return status;
  },
};

/** The error a start-up failure is reported as: a port in use, a bad preload or status list named by its flag. */
function refusal(port: number, host: string) {
  return (error: NodeJS.ErrnoException): never => {
    if (error.code === 'EADDRINUSE')
      throw new Error(`port ${port} on ${host} is already in use; pick another with --port`);
    if (error.code === 'EADDRNOTAVAIL') throw new Error(`cannot bind ${host}: no such address on this machine`);
    if (error instanceof RangeError && error.message.startsWith('preload')) throw new UsageError(`--${error.message}`);
    if (error instanceof RangeError && error.message.startsWith('errorStatuses'))
      throw new UsageError(error.message.replace('errorStatuses', '--error-statuses'));
    throw error;
  };
}

/** --store and --store-prefix, checked. */
function storeOption(url: string | undefined, prefix: string): { url: string; prefix: string } | null {
  if (url === undefined) return null;
  const text = url.trim();
  if (!/^rediss?:\/\/[^/\s]+(\/\d+)?$/.test(text))
    throw new UsageError(`--store "${text}" is not a Redis address, such as redis://127.0.0.1:6379/0`);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(prefix))
    throw new UsageError(`--store-prefix "${prefix}" must be 1 to 64 letters, digits, dots, dashes or underscores`);
  return { url: text, prefix };
}

/** Reads a comma-separated list of HTTP error statuses, such as 408,429,503. */
function statusListOption(name: string, text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  for (const part of parts) {
    if (!/^[45]\d\d$/.test(part))
      throw new UsageError(
        `--${name} must list HTTP error statuses separated by commas, such as 408,429,503; "${part}" is not one`,
      );
  }
  return [...new Set(parts.map(Number))];
}

async function readKeys(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--keys: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return parseKeyRing(JSON.parse(text), file);
  } catch (error) {
    throw new UsageError(`--keys: ${(error as Error).message}`);
  }
}

async function readAssets(dir: string): Promise<Record<string, Uint8Array>> {
  // No prototype, so a file named __proto__ (or constructor) is stored like any other.
  const assets: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new UsageError(
      `--assets: cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    assets[path.relative(dir, full).split(path.sep).join('/')] = await readFile(full);
  }
  return assets;
}
