import type { Vendor } from '../spec/specRegistry.js';

/** One accepted credential in strict auth mode. */
export interface KeyEntry {
  key: string;
  /** Learning Builder permissions, e.g. BeginWorkflowImportProcess. Absent: all permissions. */
  permissions?: string[];
  /** StackOne accounts (x-account-id) the key may act on. Absent: any account. */
  accounts?: string[];
}

export type KeyRing = Partial<Record<Vendor, KeyEntry[]>>;

/**
 * Reads a keys file's content: `{ "<vendor>": [ "key" | { key, permissions?, accounts? } ] }`.
 * Throws a message naming the first thing that is wrong.
 */
export function parseKeyRing(value: unknown, source = 'keys file'): KeyRing {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${source}: expected an object keyed by vendor (thought-industries, stackone, learning-builder)`);
  }
  const ring: KeyRing = {};
  for (const [vendor, list] of Object.entries(value)) {
    if (!['thought-industries', 'stackone', 'learning-builder'].includes(vendor)) {
      throw new Error(`${source}: unknown vendor "${vendor}" (known: thought-industries, stackone, learning-builder)`);
    }
    if (!Array.isArray(list)) throw new Error(`${source}: "${vendor}" must be a list of keys`);
    ring[vendor as Vendor] = list.map((item, i) => {
      if (typeof item === 'string' && item.length > 0) return { key: item };
      if (
        typeof item === 'object' &&
        item !== null &&
        typeof (item as KeyEntry).key === 'string' &&
        (item as KeyEntry).key.length > 0
      ) {
        const entry = item as KeyEntry;
        for (const list of ['permissions', 'accounts'] as const) {
          if (
            entry[list] !== undefined &&
            !(Array.isArray(entry[list]) && entry[list].every((v) => typeof v === 'string'))
          ) {
            throw new Error(`${source}: ${vendor}[${i}].${list} must be a list of strings`);
          }
        }
        return {
          key: entry.key,
          ...(entry.permissions && { permissions: entry.permissions }),
          ...(entry.accounts && { accounts: entry.accounts }),
        };
      }
      throw new Error(`${source}: ${vendor}[${i}] must be a non-empty string or { "key": "..." }`);
    });
  }
  return ring;
}
