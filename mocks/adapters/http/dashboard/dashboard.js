// bulkmock dashboard: reads the control API (openapi/bulkmock-control.yaml) about once a second and
// draws the mock's state. Plain browser JavaScript, served as it is: no build step, no network
// beyond the mock itself. Every value from the mock goes into the page as text, never as HTML.

const pollIntervalMs = 1000;
const shownRequests = 50;
const tokenKey = 'bulkmock-control-token';

const vendorNames = {
  'thought-industries': 'Thought Industries',
  stackone: 'StackOne',
  'learning-builder': 'Learning Builder',
};
const statuses = ['queued', 'processing', 'complete', 'failed'];

const $ = (id) => document.getElementById(id);

/** Builds an element; children are nodes or text. */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false || value === undefined || value === null) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

class Unauthorized extends Error {}

/** One call to the control API, with the token when there is one. */
async function control(method, path, body) {
  const headers = {};
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers['x-bulkmock-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (response.status === 401) throw new Unauthorized();
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(answer?.error?.message ?? `${method} ${path} answered ${response.status}`);
  return answer;
}

const state = { settings: null, fidelity: null, lastUptime: Infinity, drawn: {} };

/** Redraws a part of the page only when its data changed, so focus and open details survive polling. */
function drawIfChanged(part, data, draw) {
  const key = JSON.stringify(data);
  if (state.drawn[part] === key) return;
  state.drawn[part] = key;
  draw(data);
}

// ---- time ------------------------------------------------------------------------------------

const clockTime = (iso) => iso.slice(11, 23);
const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function timeElement(iso) {
  return h('time', { datetime: iso, title: iso }, clockTime(iso));
}

function formatUptime(totalSeconds) {
  const s = Math.floor(totalSeconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

// ---- drawing ---------------------------------------------------------------------------------

function drawHealth(health) {
  $('health').replaceChildren(
    h('span', { class: 'pill ok' }, 'up'),
    ` version ${health.version} · ${health.timing} timing · up ${formatUptime(health.uptimeSeconds)} · mock clock `,
    h('strong', {}, timeElement(health.now)),
    ` (${health.now.slice(0, 10)})`,
    ...(health.memory ? [' · ', memoryUsage(health.memory)] : []),
  );
}

/** Memory kept against --max-memory: "memory 12.0 MiB of 1.0 GiB (1%)", with the split in the tooltip. */
function memoryUsage(memory) {
  const share = memory.limitBytes > 0 ? Math.round((memory.usedBytes / memory.limitBytes) * 100) : 0;
  const split = Object.entries(memory.byKind)
    .map(([kind, bytes]) => `${kind}: ${formatBytes(bytes)}`)
    .join(', ');
  const evicted = memory.evictedJobs > 0 ? `; ${memory.evictedJobs} finished jobs dropped to make room` : '';
  return h(
    'span',
    { class: share >= 90 ? 'memory full' : 'memory', title: `${split}${evicted} (--max-memory)` },
    `memory ${formatBytes(memory.usedBytes)} of ${formatBytes(memory.limitBytes)} (${share}%)`,
  );
}

function formatBytes(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function drawCounts(jobs) {
  const tiles = statuses.map((status) => {
    const count = jobs.filter((job) => job.status === status).length;
    return h(
      'li',
      { class: `tile status-${status}` },
      h('span', { class: 'number' }, count),
      h('span', { class: 'label' }, status),
    );
  });
  $('counts').replaceChildren(
    h(
      'li',
      { class: 'tile total' },
      h('span', { class: 'number' }, jobs.length),
      h('span', { class: 'label' }, jobs.length === 1 ? 'job' : 'jobs'),
    ),
    ...tiles,
  );
}

function drawSettings(settings) {
  const unusedInInstant = settings.timing === 'instant' ? ' (unused in instant timing)' : '';
  const rows = [
    ['Seed', settings.seed],
    ['Timing', settings.timing],
    ['Queue delay', `${settings.baseDelayMs} ms${unusedInInstant}`],
    ['Per row', `${settings.perRowMs} ms${unusedInInstant}`],
    ['Added latency', `${settings.latencyMs} ms`],
    ['Injected error rate', `${Math.round(settings.errorRate * 1000) / 10} %`],
    ['Largest body', `${(settings.maxBodyBytes / 1024 / 1024).toFixed(1)} MiB`],
    ['Auth', settings.strictAuth ? 'strict (only known keys)' : 'any well-formed credential'],
    ['Vendors', settings.vendors.map((v) => vendorNames[v] ?? v).join(', ')],
  ];
  $('settings').replaceChildren(...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));

  const manual = settings.timing === 'manual';
  $('advance').disabled = !manual;
  $('advance-ms').disabled = !manual;
  $('advance-why').textContent = manual
    ? 'Jobs move only when the clock does: every status change that falls due in the skipped time happens at once.'
    : settings.timing === 'realistic'
      ? 'Disabled: in realistic timing the clock follows the wall clock and jobs move on their own. Start the mock with --timing manual to step through jobs by hand.'
      : 'Disabled: in instant timing every job is finished as soon as it starts, so there is nothing to wait for. Start the mock with --timing manual to step through jobs by hand.';
}

function drawJobs(jobs) {
  $('jobs-empty').hidden = jobs.length > 0;
  $('jobs').hidden = jobs.length === 0;
  const newestFirst = [...jobs].reverse();
  $('jobs').tBodies[0].replaceChildren(...newestFirst.map(jobRow));
}

/** What a Learning Builder batch was created with: its creation path and the addresses the vendor e-mails. */
function batchSettings({ creationPath, sendSuccessEmailTo, sendFailureEmailTo }) {
  const parts = [
    creationPath ? `creation path ${creationPath}` : null,
    sendSuccessEmailTo ? `success e-mail to ${sendSuccessEmailTo}` : null,
    sendFailureEmailTo ? `failure e-mail to ${sendFailureEmailTo}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? h('span', { class: 'batch-settings' }, parts.join(' · ')) : null;
}

function jobRow(job) {
  const isBatch = job.vendor === 'learning-builder';
  const { processed, total } = job.progress;
  const created = Date.parse(job.createdAt);
  return h(
    'tr',
    { class: `job status-${job.status}`, 'data-job-id': job.id },
    h(
      'th',
      { scope: 'row' },
      h('code', { title: job.id }, job.id.slice(0, 8)),
      h('span', { class: 'kind' }, isBatch ? 'batch' : 'job'),
      job.dryRun ? h('span', { class: 'tag' }, 'dry run') : null,
      isBatch
        ? h(
            'a',
            { href: `/__bulkmock/learning-builder/batches/${encodeURIComponent(job.id)}`, class: 'details' },
            'details',
          )
        : null,
    ),
    h('td', {}, vendorNames[job.vendor] ?? job.vendor),
    h(
      'td',
      {},
      h('span', { class: 'description' }, job.description),
      h('span', { class: 'operation' }, job.operationId),
      job.queueBatch ? batchSettings(job.queueBatch) : null,
    ),
    h('td', {}, h('span', { class: `badge status-${job.status}` }, job.status)),
    h(
      'td',
      { class: 'progress-cell' },
      h('progress', { max: Math.max(total, 1), value: processed, 'aria-label': `${processed} of ${total} processed` }),
      h('span', { class: 'fraction' }, `${processed} / ${total}`),
    ),
    h(
      'td',
      {},
      h(
        'ol',
        { class: 'timeline', 'aria-label': 'Status timeline' },
        job.history.map((step) =>
          h(
            'li',
            {},
            h(
              'span',
              { class: `pill status-${step.status}` },
              h('span', { class: 'step' }, step.status),
              ' ',
              h('span', { class: 'when', title: step.at }, `+${seconds(Date.parse(step.at) - created)}`),
            ),
          ),
        ),
      ),
      job.errorMessage ? h('p', { class: 'problem' }, job.errorMessage) : null,
    ),
  );
}

function isControlRequest(request) {
  return request.vendor === null && request.path.startsWith('/__bulkmock/');
}

function drawRequests({ requests, showControl }) {
  const shown = (showControl ? requests : requests.filter((r) => !isControlRequest(r))).slice(0, shownRequests);
  $('requests-empty').hidden = shown.length > 0;
  $('requests').hidden = shown.length === 0;
  $('requests').tBodies[0].replaceChildren(
    ...shown.map((r) =>
      h(
        'tr',
        { class: `request status-${Math.floor(r.status / 100)}xx` },
        h('td', {}, timeElement(r.at)),
        h(
          'td',
          { class: 'request-line' },
          h('span', { class: 'method' }, r.method),
          ' ',
          h('span', { class: 'path' }, r.path + (r.query ? `?${r.query}` : '')),
        ),
        h('td', {}, h('span', { class: `code code-${Math.floor(r.status / 100)}xx` }, r.status)),
        h('td', { class: 'number' }, `${r.durationMs.toFixed(1)} ms`),
        h(
          'td',
          {},
          r.operationId
            ? `${vendorNames[r.vendor] ?? 'control'} · ${r.operationId}`
            : h('span', { class: 'muted' }, 'no operation'),
        ),
      ),
    ),
  );
}

// ---- polling ---------------------------------------------------------------------------------

/** The connection state is a live region: it changes (and is announced) only when the state does. */
function setConnection(text, kind) {
  const element = $('connection');
  if (element.textContent !== text) element.textContent = text;
  element.parentElement.className = `connection ${kind}`;
  document.body.dataset.state = kind === 'live' ? 'live' : kind === 'token' ? 'token' : 'down';
  $('updated').textContent = kind === 'live' ? `updated ${new Date().toLocaleTimeString()}` : '';
}

/** Reads everything the page shows. Settings cannot change while a mock runs, so they are read again only after a restart. */
async function readState(showControl) {
  // The control API logs its own calls, so with them hidden read far enough back to find vendor traffic.
  const [health, { jobs }, { requests }] = await Promise.all([
    control('GET', '/__bulkmock/health'),
    control('GET', '/__bulkmock/jobs'),
    control('GET', `/__bulkmock/requests?limit=${showControl ? shownRequests : 1000}`),
  ]);
  // A restarted mock may have other settings.
  if (state.settings === null || health.uptimeSeconds < state.lastUptime)
    state.settings = await control('GET', '/__bulkmock/settings');
  // The report only changes with the specs, so it is read once per mock start, with the settings.
  if (state.fidelity === null || health.uptimeSeconds < state.lastUptime)
    state.fidelity = await control('GET', '/__bulkmock/fidelity');
  state.lastUptime = health.uptimeSeconds;
  return { health, jobs, requests };
}

function draw({ health, jobs, requests }, showControl) {
  $('token-panel').hidden = true;
  $('state').hidden = false;
  drawHealth(health);
  drawIfChanged('settings', state.settings, drawSettings);
  drawIfChanged(
    'counts',
    jobs.map((j) => j.status),
    () => drawCounts(jobs),
  );
  drawIfChanged('jobs', jobs, drawJobs);
  drawIfChanged('requests', { requests, showControl }, drawRequests);
  drawIfChanged('fidelity', state.fidelity, drawFidelity);
  setConnection('Live', 'live');
}

/** Per vendor operation, the documented and designed rule counts; a row opens to the designed rules. */
function drawFidelity(report) {
  const rows = report.vendors.flatMap((vendor) =>
    vendor.operations.map((operation) =>
      h(
        'tr',
        { 'data-operation': operation.operationId },
        h('td', {}, vendorNames[vendor.vendor] ?? vendor.vendor),
        h(
          'td',
          {},
          h('code', {}, `${operation.method} ${operation.path}`),
          ' ',
          h('span', { class: 'hint' }, operation.operationId),
        ),
        h('td', { class: 'number' }, String(operation.documented.length)),
        h(
          'td',
          {},
          h(
            'details',
            {},
            h('summary', {}, `${operation.designed.length} designed`),
            h(
              'ul',
              { class: 'designed-rules' },
              operation.designed.map((rule) =>
                h(
                  'li',
                  {},
                  h('code', {}, rule.ruleId),
                  rule.side === 'request' && !rule.constraints.every((c) => c.startsWith('default '))
                    ? ' (stricter than the documents)'
                    : '',
                  h('br'),
                  rule.reason,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  $('fidelity')
    .querySelector('tbody')
    .replaceChildren(...rows);
}

let timer = null;
let latestPoll = 0;

/**
 * Reads and draws the state, then schedules the next read. Actions call it too, to show their effect
 * at once; only the latest call draws and reschedules, so there is never more than one polling loop.
 */
async function poll() {
  const mine = ++latestPoll;
  clearTimeout(timer);
  const showControl = $('show-control').checked;
  try {
    const read = await readState(showControl);
    if (mine !== latestPoll) return;
    draw(read, showControl);
  } catch (error) {
    if (mine !== latestPoll) return;
    if (error instanceof Unauthorized) return askForToken();
    setConnection(
      `Cannot reach the mock (${error.message}); retrying every second. The last state shown may be out of date.`,
      'down',
    );
  }
  // A hidden tab does not poll: it would only fill the request log.
  if (!document.hidden) timer = setTimeout(poll, pollIntervalMs);
}

function askForToken() {
  const hadToken = sessionStorage.getItem(tokenKey) !== null;
  $('state').hidden = true;
  $('token-panel').hidden = false;
  $('token-problem').textContent = hadToken ? 'The mock refused that token. Check the value it was started with.' : '';
  setConnection('Waiting for the control token.', 'token');
  $('token').focus();
}

// ---- actions ---------------------------------------------------------------------------------

async function act(button, action) {
  button.disabled = true;
  try {
    $('action-result').textContent = await action();
    $('action-result').className = 'action-result';
  } catch (error) {
    if (error instanceof Unauthorized) return askForToken();
    $('action-result').textContent = error.message;
    $('action-result').className = 'action-result problem';
  } finally {
    button.disabled = false;
    state.drawn = {};
    if (state.settings) drawSettings(state.settings);
    await poll();
  }
}

$('reset').addEventListener('click', () =>
  act($('reset'), async () => {
    const answer = await control('POST', '/__bulkmock/reset');
    return `Reset done at ${clockTime(answer.now)}: jobs, records, uploads and the request log are cleared.`;
  }),
);

$('advance-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const ms = Number($('advance-ms').value);
  act($('advance'), async () => {
    const answer = await control('POST', '/__bulkmock/clock/advance', { ms });
    return `Clock moved forward ${seconds(ms)}; it now reads ${clockTime(answer.now)}.`;
  });
});

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(tokenKey, $('token').value);
  $('token').value = '';
  poll();
});

$('show-control').addEventListener('change', () => poll());
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) poll();
});

poll();
