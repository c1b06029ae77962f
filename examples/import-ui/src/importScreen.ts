import type { Connection } from './api/connection.js';
import type { ImportFile, ImportKind, JobProgress, VendorId } from './kinds/importKind.js';
import { byId, h } from './ui/dom.js';
import { outcomeView, progressView, recordTableView, requestFailedView, rowReportView, type ObservedStatus } from './ui/reportViews.js';

/** How often a running job is polled. The vendors suggest seconds; the mock is local, so a quarter second keeps the bar smooth. */
const pollIntervalMs = 250;
const previewLines = 12;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The import screen: pick a platform and an import, pick a sample or your own file, dry-run it, start
 * the import and watch its job to the end. All vendor differences live in the ImportKind; this file
 * only wires the form to them and renders what they return.
 */
export function mountImportScreen(connection: Connection, vendors: ReadonlyArray<{ id: VendorId; label: string }>, kinds: readonly ImportKind[]): void {
  const form = byId<HTMLFormElement>('import-form');
  const vendorSelect = byId<HTMLSelectElement>('vendor');
  const kindSelect = byId<HTMLSelectElement>('kind');
  const samples = byId<HTMLDivElement>('samples');
  const ownRadio = byId<HTMLInputElement>('source-own');
  const ownFile = byId<HTMLInputElement>('own-file');
  const previewSummary = byId<HTMLElement>('preview-summary');
  const preview = byId<HTMLPreElement>('preview');
  const dryRunButton = byId<HTMLButtonElement>('dry-run');
  const dryRunHow = byId<HTMLParagraphElement>('dry-run-how');
  const forceFailure = byId<HTMLInputElement>('force-failure');
  const failureMessage = byId<HTMLInputElement>('failure-message');
  const failureHint = byId<HTMLParagraphElement>('force-failure-hint');
  const startButton = byId<HTMLButtonElement>('start-import');
  const report = byId<HTMLDivElement>('report');
  const failureHintDefault = [...failureHint.childNodes];

  let kind: ImportKind = kinds[0]!;
  let file: ImportFile | null = null;
  let ownChoice: ImportFile | null = null;

  vendorSelect.replaceChildren(...vendors.map((v) => h('option', { value: v.id }, v.label)));
  vendorSelect.addEventListener('change', () => selectVendor(vendorSelect.value as VendorId));
  kindSelect.addEventListener('change', () => selectKind(kinds.find((k) => k.id === kindSelect.value)!));
  samples.addEventListener('change', () => useSample());
  ownRadio.addEventListener('change', () => useOwnFile());
  ownFile.addEventListener('change', async () => {
    const picked = ownFile.files?.[0];
    ownChoice = picked ? { name: picked.name, text: await picked.text() } : null;
    useOwnFile();
  });
  forceFailure.addEventListener('change', () => (failureMessage.disabled = !forceFailure.checked));
  dryRunButton.addEventListener('click', () => run('Dry run', dryRun));
  startButton.addEventListener('click', () => run('Import', startImport));
  selectVendor(vendors[0]!.id);

  function selectVendor(vendor: VendorId) {
    const offered = kinds.filter((k) => k.vendor === vendor);
    kindSelect.replaceChildren(...offered.map((k) => h('option', { value: k.id }, `${k.label} (${k.format})`)));
    selectKind(offered[0]!);
  }

  function selectKind(next: ImportKind) {
    kind = next;
    samples.replaceChildren(
      ...kind.samples.map((sample, i) =>
        h('div', { class: 'choice' }, h('input', { type: 'radio', id: `sample-${i}`, name: 'source', value: sample.name, checked: i === 0 }), h('label', { for: `sample-${i}` }, sample.label, h('span', { class: 'file-name' }, sample.name))),
      ),
    );
    ownRadio.checked = false;
    ownFile.accept = kind.accept;
    ownFile.value = '';
    ownChoice = null;
    dryRunHow.textContent = kind.dryRun.how;
    forceFailure.disabled = !kind.failure.supported;
    if (!kind.failure.supported) {
      forceFailure.checked = false;
      failureHint.textContent = kind.failure.why;
    } else {
      failureHint.replaceChildren(...failureHintDefault.map((node) => node.cloneNode(true)));
    }
    failureMessage.disabled = !forceFailure.checked;
    useSample();
  }

  function useSample() {
    const checked = samples.querySelector<HTMLInputElement>('input[name="source"]:checked');
    if (!checked) return;
    ownFile.disabled = true;
    chooseFile(kind.samples.find((s) => s.name === checked.value) ?? null);
  }

  function useOwnFile() {
    if (!ownRadio.checked) return;
    ownFile.disabled = false;
    chooseFile(ownChoice);
  }

  function chooseFile(next: ImportFile | null) {
    file = next;
    report.replaceChildren();
    dryRunButton.disabled = startButton.disabled = file === null;
    if (!file) {
      previewSummary.textContent = `Preview (choose a ${kind.format} file)`;
      preview.textContent = '';
      return;
    }
    const lines = file.text.split(/\r?\n/);
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    previewSummary.textContent = `Preview of ${file.name} (${lines.length} lines)`;
    preview.textContent = lines.slice(0, previewLines).join('\n') + (lines.length > previewLines ? `\n… ${lines.length - previewLines} more lines` : '');
  }

  /** Runs one action with the form locked; a refused request ends as an alert, never as a silent stop. */
  async function run(what: string, action: (file: ImportFile) => Promise<void>) {
    if (!file) return;
    const fieldsets = [...form.querySelectorAll('fieldset')];
    fieldsets.forEach((f) => (f.disabled = true));
    report.setAttribute('aria-busy', 'true');
    report.replaceChildren(h('p', { class: 'working' }, `${what}: working…`));
    try {
      await action(file);
    } catch (error) {
      report.replaceChildren(requestFailedView(what, error));
    } finally {
      fieldsets.forEach((f) => (f.disabled = false));
      report.removeAttribute('aria-busy');
    }
  }

  async function dryRun(chosen: ImportFile) {
    const result = await kind.dryRun.run(connection, chosen);
    report.replaceChildren(rowReportView('Dry run result', result, kind.unit, { expandValid: true }));
  }

  async function startImport(chosen: ImportFile) {
    const failJob = forceFailure.checked ? failureMessage.value.trim() || 'Forced failure (X-Bulkmock-Fail-Job)' : null;
    const started = performance.now();
    const running = await kind.start(connection, chosen, { failJob });
    const progress = progressView(running.jobId, kind.unit);
    const acceptedRows = running.report ? rowReportView('Checked when the import was accepted', running.report, kind.unit) : null;
    report.replaceChildren(progress.element, acceptedRows ?? '');

    const seen: ObservedStatus[] = [];
    let state: JobProgress;
    for (;;) {
      state = await running.poll();
      if (seen.at(-1)?.status !== state.status) seen.push({ status: state.status, atSeconds: (performance.now() - started) / 1000 });
      progress.update(state, seen);
      if (state.status === 'complete' || state.status === 'failed') break;
      await wait(pollIntervalMs);
    }
    const outcome = await running.finish(state);
    report.replaceChildren(
      outcomeView(state, kind.unit),
      progress.element,
      outcome.report ? rowReportView('Results per record', outcome.report, kind.unit) : (acceptedRows ?? ''),
      outcome.records ? recordTableView(outcome.records) : '',
    );
  }
}
