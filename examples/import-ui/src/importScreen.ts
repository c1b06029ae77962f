import type { Connection } from './api/connection.js';
import type { GeneratedFile } from './generate/generatedFile.js';
import { readGeneratorSettings } from './generate/generatorSettings.js';
import type { ImportFile, ImportKind, JobProgress, RowReport, VendorId } from './kinds/importKind.js';
import { byId, h } from './ui/dom.js';
import { generatorForm } from './ui/generatorForm.js';
import { injectedDefectsView } from './ui/injectedDefectsView.js';
import {
  outcomeView,
  progressView,
  recordTableView,
  requestFailedView,
  rowReportView,
  type ObservedStatus,
} from './ui/reportViews.js';

/** How often a running job is polled. The vendors suggest seconds; the mock is local, so a quarter second keeps the bar smooth. */
const pollIntervalMs = 250;
const previewLines = 12;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isGenerated = (file: ImportFile): file is GeneratedFile => 'injected' in file;
// The generators and their fakers are large: loaded when a file is first generated.
const loadGenerator = () => import('./generate/generatedFile.js');

/**
 * The import screen: pick a platform and an import, pick a sample, your own file or a generated one,
 * dry-run it, start the import and watch its job to the end. All vendor differences live in the
 * ImportKind; this file only wires the form to them and renders what they return.
 */
export function mountImportScreen(
  connection: Connection,
  vendors: ReadonlyArray<{ id: VendorId; label: string }>,
  kinds: readonly ImportKind[],
): void {
  const form = byId<HTMLFormElement>('import-form');
  const vendorSelect = byId<HTMLSelectElement>('vendor');
  const kindSelect = byId<HTMLSelectElement>('kind');
  const samples = byId<HTMLDivElement>('samples');
  const ownRadio = byId<HTMLInputElement>('source-own');
  const ownFile = byId<HTMLInputElement>('own-file');
  const generatedRadio = byId<HTMLInputElement>('source-generated');
  const generator = generatorForm();
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
  let generatedChoice: GeneratedFile | null = null;
  // Counts generations, so that a slower earlier one never replaces a later choice.
  let generation = 0;

  vendorSelect.replaceChildren(...vendors.map((v) => h('option', { value: v.id }, v.label)));
  vendorSelect.addEventListener('change', () => selectVendor(vendorSelect.value as VendorId));
  kindSelect.addEventListener('change', () => selectKind(kinds.find((k) => k.id === kindSelect.value)!));
  samples.addEventListener('change', () => useSample());
  ownRadio.addEventListener('change', () => useOwnFile());
  generatedRadio.addEventListener('change', () => useGeneratedFile());
  generator.onEdit(() => discardGenerated());
  generator.onGenerate(() => void generate());
  ownFile.addEventListener('change', () => void readOwnFile());
  forceFailure.addEventListener('change', () => (failureMessage.disabled = !forceFailure.checked));
  // run() shows its own failures on the page, so nothing is left to handle here.
  dryRunButton.addEventListener('click', () => void run('Dry run', dryRun));
  startButton.addEventListener('click', () => void run('Import', startImport));
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
        h(
          'div',
          { class: 'choice' },
          h('input', { type: 'radio', id: `sample-${i}`, name: 'source', value: sample.name, checked: i === 0 }),
          h('label', { for: `sample-${i}` }, sample.label, h('span', { class: 'file-name' }, sample.name)),
        ),
      ),
    );
    ownRadio.checked = false;
    ownFile.accept = kind.accept;
    ownFile.value = '';
    ownChoice = null;
    generatedRadio.checked = false;
    generatedChoice = null;
    generation++;
    generator.clear();
    generator.describeKind(kind.unit, null);
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
    generator.setEnabled(false);
    chooseFile(kind.samples.find((s) => s.name === checked.value) ?? null);
  }

  /** Reads the file the user picked; a file the browser cannot read is reported, not silently dropped. */
  async function readOwnFile() {
    const picked = ownFile.files?.[0];
    try {
      ownChoice = picked ? { name: picked.name, text: await picked.text() } : null;
    } catch (error) {
      ownChoice = null;
      useOwnFile();
      report.replaceChildren(requestFailedView(`Reading ${picked?.name ?? 'the file'}`, error));
      return;
    }
    useOwnFile();
  }

  function useOwnFile() {
    if (!ownRadio.checked) return;
    ownFile.disabled = false;
    generator.setEnabled(false);
    chooseFile(ownChoice);
  }

  function useGeneratedFile() {
    if (!generatedRadio.checked) return;
    ownFile.disabled = true;
    generator.setEnabled(true);
    if (generatedChoice) chooseFile(generatedChoice);
    else void generate();
  }

  /** A file generated with other settings than those shown must not be sent. */
  function discardGenerated() {
    generation++;
    generatedChoice = null;
    generator.showStale();
    chooseFile(null, 'press Generate');
  }

  /** Generates a file from the inputs, or shows what is wrong with them and leaves no file to send. */
  async function generate() {
    if (!generatedRadio.checked) return;
    const attempt = ++generation;
    const forKind = kind;
    generator.showWorking();
    chooseFile(null, 'generating');
    try {
      const { countLimit, generateFile } = await loadGenerator();
      if (attempt !== generation) return;
      const limit = countLimit(forKind.generator.kind);
      generator.describeKind(forKind.unit, limit);
      const reading = readGeneratorSettings(generator.read(), limit, forKind.unit);
      if (!reading.ok) {
        generator.showProblems(reading.problems);
        chooseFile(null, 'correct the settings');
        return;
      }
      generatedChoice = await generateFile(forKind.generator.kind, reading.settings);
      if (attempt !== generation) return;
      generator.showGenerated(generatedChoice, forKind.unit);
      chooseFile(generatedChoice);
    } catch (error) {
      if (attempt !== generation) return;
      generator.showFailure(error);
      chooseFile(null, 'the generator failed');
    }
  }

  /** `waiting` says why there is no file yet, when it is not that none was chosen. */
  function chooseFile(next: ImportFile | null, waiting = `choose a ${kind.format} file`) {
    file = next;
    report.replaceChildren();
    dryRunButton.disabled = startButton.disabled = file === null;
    if (!file) {
      previewSummary.textContent = `Preview (${waiting})`;
      preview.textContent = '';
      return;
    }
    if (isGenerated(file)) report.replaceChildren(injectedBeside(null, null, file));
    const lines = file.text.split(/\r?\n/);
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    previewSummary.textContent = `Preview of ${file.name} (${lines.length} lines)`;
    preview.textContent =
      lines.slice(0, previewLines).join('\n') +
      (lines.length > previewLines ? `\n… ${lines.length - previewLines} more lines` : '');
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
    report.replaceChildren(
      injectedBeside(rowReportView('Dry run result', result, kind.unit, { expandValid: true }), result, chosen),
    );
  }

  /** For a generated file, the rows it was given defects in, beside (and compared with) the rows reported invalid. */
  function injectedBeside(view: HTMLElement | null, reported: RowReport | null, chosen: ImportFile): HTMLElement | '' {
    if (!isGenerated(chosen)) return view ?? '';
    const injected = injectedDefectsView(chosen, kind.generator.positionOf, kind.unit, reported);
    return view ? h('div', { class: 'side-by-side' }, view, injected) : injected;
  }

  async function startImport(chosen: ImportFile) {
    const failJob = forceFailure.checked ? failureMessage.value.trim() || 'Forced failure (X-Bulkmock-Fail-Job)' : null;
    const started = performance.now();
    const running = await kind.start(connection, chosen, { failJob });
    const progress = progressView(running.jobId, kind.unit);
    const acceptedRows = running.report
      ? rowReportView('Checked when the import was accepted', running.report, kind.unit)
      : null;
    report.replaceChildren(progress.element, acceptedRows ?? '');

    const seen: ObservedStatus[] = [];
    let state: JobProgress;
    for (;;) {
      state = await running.poll();
      if (seen.at(-1)?.status !== state.status)
        seen.push({ status: state.status, atSeconds: (performance.now() - started) / 1000 });
      progress.update(state, seen);
      if (state.status === 'complete' || state.status === 'failed') break;
      await wait(pollIntervalMs);
    }
    const outcome = await running.finish(state);
    const rows = outcome.report ? rowReportView('Results per record', outcome.report, kind.unit) : acceptedRows;
    report.replaceChildren(
      outcomeView(state, kind.unit),
      progress.element,
      injectedBeside(rows, outcome.report ?? running.report, chosen),
      outcome.records ? recordTableView(outcome.records) : '',
    );
  }
}
