import type { GeneratedFile } from '../generate/generatedFile.js';
import type { RowReport } from '../kinds/importKind.js';
import { h } from './dom.js';

/**
 * What the generator broke in a generated file, entry by entry (where, which defect, which field),
 * named the way the vendor's report names entries. Given that report, it also says whether the
 * entries reported invalid are exactly the ones broken on purpose, and if not, which differ.
 */
export function injectedDefectsView(
  file: GeneratedFile,
  positionOf: (index: number) => string,
  unit: string,
  reported: RowReport | null,
): HTMLElement {
  const { count, invalidRate, seed } = file.settings;
  return h(
    'section',
    { class: 'panel', 'aria-label': 'Injected defects' },
    h('h2', {}, 'Injected defects'),
    h(
      'p',
      { class: 'summary' },
      `The generator broke ${file.injected.length} of ${count} ${unit}s (invalid rate ${invalidRate}, seed ${seed}).`,
    ),
    reported
      ? comparisonView(
          file.injected.map((d) => positionOf(d.index)),
          reported,
          unit,
        )
      : null,
    file.injected.length > 0
      ? h(
          'table',
          { class: 'rows injected' },
          h('caption', { class: 'visually-hidden' }, 'Injected defects'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Where'),
              h('th', { scope: 'col' }, 'Defect'),
              h('th', { scope: 'col' }, 'Field'),
            ),
          ),
          h(
            'tbody',
            {},
            file.injected.map((d) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, positionOf(d.index)),
                h('td', {}, d.defect, h('span', { class: 'defect-description' }, d.description)),
                h('td', {}, h('code', {}, d.field)),
              ),
            ),
          ),
        )
      : null,
  );
}

function comparisonView(injected: readonly string[], report: RowReport, unit: string): HTMLElement {
  const broken = new Set(injected);
  const flagged = new Set(report.invalid.map((v) => v.position));
  const missed = injected.filter((position) => !flagged.has(position));
  const unexpected = [...flagged].filter((position) => !broken.has(position));
  if (missed.length === 0 && unexpected.length === 0) {
    const sentence =
      injected.length === 0
        ? `no ${unit} was broken on purpose, and none is invalid.`
        : `the ${injected.length} ${unit}s broken on purpose are the invalid ones, and no other.`;
    return h('p', { class: 'comparison match' }, `Matches the report: ${sentence}`);
  }
  return h(
    'div',
    { class: 'comparison mismatch' },
    h('p', {}, 'Differs from the report:'),
    h(
      'ul',
      {},
      missed.length > 0 ? h('li', {}, `broken but reported valid: ${missed.join(', ')}`) : null,
      unexpected.length > 0 ? h('li', {}, `reported invalid but not broken: ${unexpected.join(', ')}`) : null,
    ),
  );
}
