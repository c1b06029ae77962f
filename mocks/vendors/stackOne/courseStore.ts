import { entryOverheadBytes, type MemoryBudget } from '../../core/memoryBudget.js';

/** A course as the list endpoint returns it: the upserted item plus its ids and timestamps. */
export interface StoredCourse extends Record<string, unknown> {
  id: string;
  external_reference: string;
  created_at?: string;
  updated_at?: string;
}

/** Courses per linked account, keyed by `external_reference` (StackOne's upsert key). */
export class CourseStore {
  private readonly accounts = new Map<string, Map<string, StoredCourse>>();
  /** Estimated bytes per stored course, for --max-memory. */
  private readonly sizes = new WeakMap<StoredCourse, number>();

  constructor(private readonly memory?: MemoryBudget) {}

  /** A course's estimated size: its JSON text plus the per-entry overhead (docs/limits.md). */
  static estimate(course: Readonly<Record<string, unknown>>): number {
    return JSON.stringify(course).length + entryOverheadBytes.record;
  }

  idFor(account: string, reference: string): string | undefined {
    return this.accounts.get(account)?.get(reference)?.id;
  }

  upsert(account: string, course: StoredCourse, at: string): void {
    let byReference = this.accounts.get(account);
    if (!byReference) this.accounts.set(account, (byReference = new Map()));
    const existing = byReference.get(course.external_reference);
    const stored: StoredCourse = { ...course, created_at: existing?.created_at ?? at, updated_at: at };
    byReference.set(course.external_reference, stored);
    if (existing) this.memory?.credit('courses', this.sizes.get(existing) ?? 0);
    const bytes = CourseStore.estimate(stored);
    this.sizes.set(stored, bytes);
    this.memory?.charge('courses', bytes);
  }

  list(account: string): StoredCourse[] {
    return [...(this.accounts.get(account)?.values() ?? [])];
  }

  clear(): void {
    for (const courses of this.accounts.values()) for (const course of courses.values()) this.memory?.credit('courses', this.sizes.get(course) ?? 0);
    this.accounts.clear();
  }
}
