/**
 * `npm run interop`: runs Specmatic's contract tests (`specmatic test`) of every spec against a
 * `bulkmock serve --preload examples` started on a free port, and fails unless every spec runs more
 * than one test and none fails. Needs Java 17 (`java` on the PATH; Debian: openjdk-17-jre-headless).
 *
 * Specmatic is configured here, not in the specs:
 * - credentials: one environment variable per security scheme, named after it, as Specmatic reads
 *   them; the mock is started with the matching keys (strict auth), so wrong keys get 401;
 * - MAX_TEST_REQUEST_COMBINATIONS bounds the variants Specmatic derives from one example (without it
 *   a request whose schema has many optional fields becomes hundreds of tests);
 * - the filter leaves out what no server can pass, each for a stated reason (see `filter`);
 * - outbound HTTP from the JVM goes to a closed local proxy, so nothing is fetched or reported.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jar = path.join(root, 'node_modules', 'specmatic', 'specmatic.jar');
const specs = ['thought-industries', 'stackone-lms', 'learning-builder', 'bulkmock-control'];
// The goal is under 2 minutes per spec; INTEROP_TIMEOUT_S raises the cut-off on a slower machine.
const perSpecTimeoutMs = Number(process.env.INTEROP_TIMEOUT_S ?? 120) * 1000;

const keys = {
  'thought-industries': ['interop-ti-key'],
  stackone: ['interop-so-key'],
  'learning-builder': ['interop-lb-key'],
};
const credentials = {
  bearerAuth: 'interop-ti-key',
  basicAuth: Buffer.from('interop-so-key:').toString('base64'),
  apiKeyAuth: 'apikey interop-lb-key',
};

/**
 * - STATUS 401: Specmatic pairs a response without a body (Thought Industries documents its 401 as
 *   empty) with every request example and expects a 401 for a request that carries valid
 *   credentials; no server can answer that.
 * - The vendors' own sample requests for the two asset imports name the asset path `string`, a
 *   placeholder: one mock cannot hold both a webinar file and an in-person event file there.
 * - RESPONSE.CONTENT-TYPE text/html: Specmatic sends no `Accept: text/html`, so it cannot ask for the
 *   HTML form of the Learning Builder details page (test/mock/learningBuilder.test.ts covers it).
 * - RESPONSE.CONTENT-TYPE text/markdown: the fidelity report's Markdown form is asked for with
 *   `?format=markdown`, and Specmatic cannot tie a query value to the answer's media type (it expected
 *   Markdown for `format=json`); test/mock/fidelityEndpoint.test.ts covers it.
 * - /__bulkmock/state: a state document has rules JSON Schema cannot state (ids unique, assets that
 *   decode, an id position the seed can reach), so Specmatic's generated variants of the example get
 *   the documented 400; and its records hold each vendor's stored fields, free-form objects that
 *   Specmatic checks against the example's keys. test/mock/stateEndpoints.test.ts (every answer
 *   checked against the spec) and the store conformance suite cover both operations.
 */
const filter = [
  "STATUS!='401'",
  "!(PATH='/incoming/v2/content/courseGroup/webinar/bulk' && EXAMPLE-NAME='seed')",
  "!(PATH='/incoming/v2/content/session/inPersonEvent/bulk' && EXAMPLE-NAME='seed')",
  "RESPONSE.CONTENT-TYPE!='text/html'",
  "RESPONSE.CONTENT-TYPE!='text/markdown'",
  "!(PATH='/__bulkmock/state')",
].join(' && ');

interface SpecResult {
  spec: string;
  run: number;
  failures: number;
  errors: number;
  seconds: number;
  problem: string | null;
}

function fail(message: string): never {
  console.error(`interop: ${message}`);
  process.exit(1);
}

function checkJava(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0)
    fail('java was not found; Specmatic needs a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless)');
  const version = /version "(\d+)/.exec(java.stderr)?.[1];
  if (version && Number(version) < 17) fail(`Specmatic needs Java 17 or later, found ${version}`);
}

/** Starts the mock from the sources and resolves with its URL once the preload is done. */
function startMock(workDir: string): Promise<{ url: string; child: ChildProcess }> {
  const keysFile = path.join(workDir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify(keys));
  const args = [
    '--import',
    'tsx',
    path.join(root, 'cli', 'run.ts'),
    'serve',
    '--port',
    '0',
    '--timing',
    'instant',
    '--log',
    'none',
    '--preload',
    'examples',
    '--keys',
    keysFile,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the mock did not start within 60 s:\n${out}${err}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (url && /preloaded examples/.test(out)) {
        clearTimeout(timer);
        if (err.trim()) console.log(err.trim());
        resolve({ url, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (${code}) before it was ready:\n${out}${err}`));
    });
  });
}

function runSpecmatic(spec: string, url: string, workDir: string): Promise<SpecResult> {
  const started = performance.now();
  const args = [
    // Any outbound HTTP(S) goes to a closed port: the run stays local.
    '-Dhttp.proxyHost=127.0.0.1',
    '-Dhttp.proxyPort=9',
    '-Dhttps.proxyHost=127.0.0.1',
    '-Dhttps.proxyPort=9',
    '-Dhttp.nonProxyHosts=localhost|127.0.0.1',
    '-Xmx1g',
    '-jar',
    jar,
    'test',
    path.join(root, 'openapi', `${spec}.yaml`),
    `--testBaseURL=${url}`,
    `--filter=${filter}`,
  ];
  const cwd = mkdtempSync(path.join(workDir, `${spec}-`));
  const child = spawn('java', args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...credentials, MAX_TEST_REQUEST_COMBINATIONS: '8' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString('latin1')));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString('latin1')));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, perSpecTimeoutMs);
    child.on('exit', () => {
      clearTimeout(timer);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      writeFileSync(path.join(workDir, `${spec}.log`), output);
      const counts = /Tests run: (\d+), Successes: (\d+), Failures: (\d+), WIP: (\d+), Errors: (\d+)/.exec(output);
      if (timedOut)
        return resolve({
          spec,
          run: 0,
          failures: 0,
          errors: 0,
          seconds,
          problem: `timed out after ${perSpecTimeoutMs / 1000} s`,
        });
      if (!counts)
        return resolve({
          spec,
          run: 0,
          failures: 0,
          errors: 0,
          seconds,
          problem: 'no "Tests run" line in Specmatic\'s output',
        });
      const [run, , failures, , errors] = counts.slice(1).map(Number) as [number, number, number, number, number];
      const problem =
        failures > 0 || errors > 0
          ? `${failures} failure(s), ${errors} error(s)`
          : run <= 1
            ? `only ${run} test ran (the spec did not load?)`
            : null;
      resolve({ spec, run, failures, errors, seconds, problem });
    });
  });
}

async function reset(url: string): Promise<void> {
  const answer = await fetch(`${url}/__bulkmock/reset`, { method: 'POST' });
  if (!answer.ok) throw new Error(`POST /__bulkmock/reset answered ${answer.status}`);
}

checkJava();
const workDir = mkdtempSync(path.join(tmpdir(), 'bulkmock-interop-'));
const started = performance.now();
const { url, child } = await startMock(workDir).catch((error: Error) => fail(error.message));
const results: SpecResult[] = [];
try {
  for (const spec of specs) {
    // Every spec meets the mock as freshly preloaded.
    await reset(url);
    const result = await runSpecmatic(spec, url, workDir);
    results.push(result);
    console.log(
      `${spec.padEnd(20)} Tests run: ${result.run}, Failures: ${result.failures}, Errors: ${result.errors} (${result.seconds} s)${result.problem ? `  FAILED: ${result.problem}` : ''}`,
    );
  }
} finally {
  child.kill('SIGTERM');
}
const failed = results.filter((r) => r.problem);
console.log(
  `interop: ${results.length - failed.length} of ${specs.length} specs passed in ${Math.round((performance.now() - started) / 1000)} s`,
);
if (failed.length > 0) {
  console.log(`Specmatic's output is in ${workDir}/<spec>.log`);
  process.exit(1);
}
rmSync(workDir, { recursive: true, force: true });
