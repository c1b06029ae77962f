import type { IdSource } from '../../core/ids.js';
import type { Rejection } from '../../spec/requestValidation.js';
import type { SchemaProblem, SpecValidators } from '../../spec/schemaValidators.js';
import type { RecordCollections } from '../../state/recordCollections.js';
import { recordCollection, recordScope, titleKey } from './importedRecords.js';

export interface TemplateError {
  /** Left out when the template has no id at all (the vendor types it as a uuid, never null). */
  resourceId?: string;
  title: string;
  error: string;
  record: string;
}

export interface TemplatePlan {
  createdIds: string[];
  updatedIds: string[];
  errors: TemplateError[];
  warnings: string[];
  /** What a real (not dry) call stores, in order. */
  writes: Array<{ id: string; fields: Record<string, unknown> }>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decides, template by template and in request order, what a bulk certificate template call does
 * (the matching rule is in the operation's description in openapi/thought-industries.yaml):
 * an `id` updates that template; otherwise a title equal to a stored one (case-insensitive,
 * trimmed) updates it; anything else is created. Later templates see the effect of earlier ones.
 */
export function planCertificateTemplates(
  templates: readonly unknown[],
  schemaProblems: ReadonlyMap<number, SchemaProblem[]>,
  context: { records: RecordCollections; validators: SpecValidators; ids: IdSource },
): TemplatePlan {
  const plan: TemplatePlan = { createdIds: [], updatedIds: [], errors: [], warnings: [], writes: [] };
  // Templates as they stand after the earlier entries of this request: id -> fields.
  const pending = new Map<string, Record<string, unknown>>();
  const usedIds = new Map<string, number>();
  const usedTitles = new Map<string, number>();
  const collection = recordCollection('certificateTemplates');
  const fieldsOf = (id: string) => pending.get(id) ?? context.records.get(collection, recordScope, id)?.fields;
  const holderOfTitle = (key: string): string | undefined => {
    for (const [id, fields] of pending) if (titleKey(fields.title) === key) return id;
    const stored = context.records.byKey(collection, recordScope, key);
    return stored && !pending.has(stored.id) ? stored.id : undefined;
  };

  templates.forEach((sent, index) => {
    // An entry that is not an object (null, a number) fails its schema check below; read it as {} until then.
    const template: Record<string, unknown> =
      typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? (sent as Record<string, unknown>) : {};
    const fail = (error: string, resourceId?: string) =>
      plan.errors.push({
        ...(resourceId !== undefined && { resourceId }),
        title: titleText(template.title),
        error,
        record: JSON.stringify(sent),
      });
    const rawId = typeof template.id === 'string' ? template.id : undefined;
    const problems = schemaProblems.get(index);
    if (problems && problems.length > 0) {
      fail(
        `template ${index}: ${problems.map((p) => p.message).join('; ')}`,
        rawId && uuidPattern.test(rawId) ? rawId : undefined,
      );
      return;
    }
    const title = String(template.title).trim();
    const key = titleKey(title);
    const earlierTitle = usedTitles.get(key);
    if (rawId !== undefined) {
      const earlierId = usedIds.get(rawId);
      if (earlierId !== undefined)
        return fail(`template ${index}: id ${rawId} is already used by template ${earlierId} of this request`, rawId);
      const current = fieldsOf(rawId);
      if (!current)
        return fail(`template ${index}: no certificate template has id ${rawId}; nothing was created`, rawId);
      const holder = holderOfTitle(key);
      if (earlierTitle !== undefined || (holder !== undefined && holder !== rawId)) {
        return fail(
          `template ${index}: the title "${title}" belongs to another certificate template${earlierTitle !== undefined ? ` (template ${earlierTitle} of this request)` : ''}`,
          rawId,
        );
      }
      const { id: _id, ...changes } = template;
      update(rawId, { ...current, ...changes, title });
    } else {
      // resourceId names the template that took the title first (created or updated by this request).
      if (earlierTitle !== undefined)
        return fail(
          `template ${index}: the title "${title}" is already used by template ${earlierTitle} of this request`,
          holderOfTitle(key),
        );
      const holder = holderOfTitle(key);
      if (holder !== undefined) {
        update(holder, { ...fieldsOf(holder)!, ...template, title });
        plan.warnings.push(
          `template ${index} ("${title}") has no id; it matched the stored template ${holder} by title and updated it`,
        );
      } else {
        const fields: Record<string, unknown> = { ...template, title };
        context.validators.schema('thought-industries', 'CertificateTemplateInput', 'defaults')(fields);
        const id = context.ids.uuid();
        pending.set(id, fields);
        plan.createdIds.push(id);
        plan.writes.push({ id, fields });
      }
    }
    usedTitles.set(key, index);
    if (rawId !== undefined) usedIds.set(rawId, index);

    function update(id: string, fields: Record<string, unknown>) {
      pending.set(id, fields);
      if (!plan.updatedIds.includes(id) && !plan.createdIds.includes(id)) plan.updatedIds.push(id);
      plan.writes.push({ id, fields });
    }
  });
  return plan;
}

/** Body-level problems: a wrong shape is a 400, a wrong number of templates a 422 (see the spec). */
export function rejectTemplatesBody(whole: readonly SchemaProblem[]): Rejection | null {
  if (whole.length === 0) return null;
  const outOfRange = whole.every((p) => p.pointer === '/templates' && p.keyword === 'maxItems');
  if (outOfRange) {
    return {
      status: 422,
      code: 'templates_out_of_range',
      message: `templates may hold at most 500 certificate templates`,
      details: whole.map((p) => ({ message: p.message, pointer: p.pointer, ...(p.field && { field: p.field }) })),
    };
  }
  return {
    status: 400,
    code: 'invalid_request',
    message: 'the body must be { "templates": [ ... ], "dryRun"?: boolean }',
    details: whole.map((p) => ({ message: p.message, pointer: p.pointer, ...(p.field && { field: p.field }) })),
  };
}

/** A template's title as the answer shows it: text as given, nothing when absent, anything else as JSON. */
function titleText(title: unknown): string {
  if (typeof title === 'string') return title;
  return title === undefined || title === null ? '' : JSON.stringify(title);
}
