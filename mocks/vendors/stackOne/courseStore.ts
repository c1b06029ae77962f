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

  idFor(account: string, reference: string): string | undefined {
    return this.accounts.get(account)?.get(reference)?.id;
  }

  upsert(account: string, course: StoredCourse, at: string): void {
    let byReference = this.accounts.get(account);
    if (!byReference) this.accounts.set(account, (byReference = new Map()));
    const existing = byReference.get(course.external_reference);
    byReference.set(course.external_reference, { ...course, created_at: existing?.created_at ?? at, updated_at: at });
  }

  list(account: string): StoredCourse[] {
    return [...(this.accounts.get(account)?.values() ?? [])];
  }

  clear(): void {
    this.accounts.clear();
  }
}
