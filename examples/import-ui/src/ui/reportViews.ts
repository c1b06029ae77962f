import type { JobProgress, JobStatus, RecordTable, RowReport, RowVerdict } from '../kinds/importKind.js';
import { h } from './dom.js';

/**
 * The valid and invalid rows of a dry run or an import, invalid first: they are what needs attention.
 * `unit` names the entries ("row", "course"); valid ones are listed folded unless `expandValid`.
 */
export function rowReportView(
  title: string,
  report: RowReport,
  unit: string,
  options: { expandValid?: boolean } = {},
): HTMLElement {
  const total = report.valid.length + report.invalid.length;
  return h(
    'section',
    { class: 'panel', 'aria-label': title },
    h('h2', {}, title),
    h(
      'p',
      { class: 'summary' },
      h('strong', { class: 'count valid' }, `${report.valid.length} valid`),
      ', ',
      h('strong', { class: report.invalid.length > 0 ? 'count invalid' : 'count' }, `${report.invalid.length} invalid`),
      ` of ${total} ${unit}s. Checked by ${report.checkedBy}.`,
    ),
    report.notes.length > 0
      ? h(
          'ul',
          { class: 'notes' },
          report.notes.map((note) => h('li', {}, note)),
        )
      : null,
    report.invalid.length > 0 ? verdictTable(`Invalid ${unit}s`, report.invalid, true) : null,
    report.valid.length > 0
      ? h(
          'details',
          { open: options.expandValid === true && report.invalid.length === 0 },
          h('summary', {}, `Valid ${unit}s (${report.valid.length})`),
          verdictTable(`Valid ${unit}s`, report.valid, false),
        )
      : null,
  );
}

function verdictTable(caption: string, verdicts: RowVerdict[], withProblems: boolean): HTMLTableElement {
  return h(
    'table',
    { class: withProblems ? 'rows invalid' : 'rows valid' },
    // The valid rows sit under a summary that already names them.
    h('caption', { class: withProblems ? undefined : 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Where'),
        h('th', { scope: 'col' }, 'Record'),
        withProblems ? h('th', { scope: 'col' }, 'Problems') : null,
      ),
    ),
    h(
      'tbody',
      {},
      verdicts.map((v) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, v.position),
          h('td', {}, v.record),
          withProblems
            ? h(
                'td',
                {},
                h(
                  'ul',
                  { class: 'problems' },
                  v.problems.map((p) => h('li', {}, p)),
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

export interface ObservedStatus {
  status: JobStatus;
  /** Seconds since the import started, as this page saw it. */
  atSeconds: number;
}

const statusWords: Record<JobStatus, string> = {
  queued: 'Queued',
  processing: 'Processing',
  complete: 'Complete',
  failed: 'Failed',
};

/**
 * The job as it stands: a progress bar (indeterminate while queued), a sentence that screen readers
 * announce as it changes, and the statuses seen so far. Made once per import and updated in place, so
 * the live region stays the same element.
 */
export function progressView(
  jobId: string,
  unit: string,
): { element: HTMLElement; update(progress: JobProgress, seen: ObservedStatus[]): void } {
  const badge = h('span', { class: 'badge' });
  const bar = h('progress', { id: 'import-progress' });
  const sentence = h('p', { class: 'progress-text', 'aria-live': 'polite' });
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'Status timeline' });
  const element = h(
    'section',
    { class: 'panel', 'aria-label': 'Import progress' },
    h('h2', {}, 'Import'),
    h('p', {}, 'Job ', h('code', {}, jobId), ' ', badge),
    h('label', { for: 'import-progress' }, 'Progress'),
    bar,
    sentence,
    timeline,
  );
  return {
    element,
    update(progress, seen) {
      badge.className = `badge status-${progress.status}`;
      badge.textContent = statusWords[progress.status];
      bar.max = Math.max(progress.total, 1);
      if (progress.status === 'queued' || progress.total === 0) bar.removeAttribute('value');
      else bar.value = progress.processed;
      const text = progressSentence(progress, unit);
      if (sentence.textContent !== text) sentence.textContent = text;
      timeline.replaceChildren(
        ...seen.map((s, i) =>
          h(
            'li',
            {},
            i > 0 ? h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→') : null,
            h(
              'span',
              { class: `pill status-${s.status}` },
              h('span', { class: 'step' }, statusWords[s.status]),
              h('span', { class: 'when' }, `+${s.atSeconds.toFixed(1)} s`),
            ),
          ),
        ),
      );
    },
  };
}

function progressSentence(progress: JobProgress, unit: string): string {
  switch (progress.status) {
    case 'queued':
      return `Waiting in the queue (${progress.total} ${unit}s).`;
    case 'processing':
      return `${progress.processed} of ${progress.total} ${unit}s processed.`;
    case 'complete':
      return `All ${progress.total} ${unit}s processed.`;
    case 'failed':
      return `Stopped after ${progress.processed} of ${progress.total} ${unit}s.`;
  }
}

/** The end of the import: a status message for success, an alert for failure. */
export function outcomeView(progress: JobProgress, unit: string): HTMLElement {
  if (progress.status === 'failed') {
    return h(
      'div',
      { class: 'outcome failure', role: 'alert' },
      h('h2', {}, 'Import failed'),
      h('p', { class: 'failure-message' }, progress.errorMessage ?? 'The job failed without a message.'),
      h('p', {}, `The job stopped after ${progress.processed} of ${progress.total} ${unit}s.`),
    );
  }
  return h(
    'div',
    { class: 'outcome success', role: 'status' },
    h('h2', {}, 'Import complete'),
    h('p', {}, `${progress.processed} of ${progress.total} ${unit}s processed.`),
  );
}

export function recordTableView(table: RecordTable): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-label': 'Stored records' },
    h(
      'table',
      { class: 'rows records' },
      h('caption', {}, table.caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          table.columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        table.rows.map((row) =>
          h(
            'tr',
            {},
            row.map((cell) => h('td', {}, cell)),
          ),
        ),
      ),
    ),
  );
}

export function requestFailedView(what: string, error: unknown): HTMLElement {
  return h(
    'div',
    { class: 'outcome failure', role: 'alert' },
    h('h2', {}, `${what} failed`),
    h('p', { class: 'failure-message' }, (error as Error).message ?? String(error)),
  );
}
