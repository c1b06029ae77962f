import type { GeneratedFile } from '../generate/generatedFile.js';
import type { CountLimit, GeneratorInputs, GeneratorProblem } from '../generate/generatorSettings.js';
import { byId, h } from './dom.js';

/**
 * The inputs of "Generate a file" (how many entries, the invalid rate, the seed) and what the form
 * says about them: the problems of wrong values, next to the input they concern, or what was
 * generated, with a link to download it.
 */
export function generatorForm() {
  const inputs = {
    count: byId<HTMLInputElement>('generate-count'),
    invalidRate: byId<HTMLInputElement>('generate-invalid-rate'),
    seed: byId<HTMLInputElement>('generate-seed'),
  };
  const countLabel = byId<HTMLLabelElement>('generate-count-label');
  const button = byId<HTMLButtonElement>('generate');
  const problems = byId<HTMLDivElement>('generator-problems');
  const status = byId<HTMLParagraphElement>('generator-status');
  const controls = [...Object.values(inputs), button];
  let downloadUrl: string | null = null;

  function clear() {
    problems.replaceChildren();
    status.replaceChildren();
    for (const input of Object.values(inputs)) input.removeAttribute('aria-invalid');
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = null;
  }

  return {
    /** Calls `listener` on every edit of an input. */
    onEdit(listener: () => void) {
      for (const input of Object.values(inputs)) input.addEventListener('input', listener);
    },
    /** Calls `listener` on Generate, or on Enter in an input. */
    onGenerate(listener: () => void) {
      button.addEventListener('click', listener);
      for (const input of Object.values(inputs)) {
        input.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          listener();
        });
      }
    },
    setEnabled(enabled: boolean) {
      controls.forEach((control) => (control.disabled = !enabled));
    },
    /** Names the entries of the kind ("Number of courses") and sets the most the input allows, once known. */
    describeKind(unit: string, limit: CountLimit | null) {
      countLabel.textContent = `Number of ${unit}s`;
      if (limit) inputs.count.max = String(limit.max);
      else inputs.count.removeAttribute('max');
    },
    read(): GeneratorInputs {
      return { count: inputs.count.value, invalidRate: inputs.invalidRate.value, seed: inputs.seed.value };
    },
    showWorking() {
      clear();
      status.textContent = 'Generating…';
    },
    showStale() {
      clear();
      status.textContent = 'Press Generate to make the file with these settings.';
    },
    showProblems(found: readonly GeneratorProblem[]) {
      clear();
      for (const problem of found) inputs[problem.input].setAttribute('aria-invalid', 'true');
      problems.replaceChildren(...found.map((problem) => h('p', {}, problem.message)));
    },
    showFailure(error: unknown) {
      clear();
      problems.replaceChildren(h('p', {}, `The generator could not run: ${(error as Error).message ?? String(error)}`));
    },
    showGenerated(file: GeneratedFile, unit: string) {
      clear();
      downloadUrl = URL.createObjectURL(new Blob([file.text], { type: 'text/plain' }));
      status.replaceChildren(
        `Generated ${file.settings.count} ${unit}s, ${file.injected.length} of them broken on purpose. `,
        h('a', { href: downloadUrl, download: file.name }, `Download ${file.name}`),
      );
    },
    clear,
  };
}
