import type { KeyRing } from '../../core/keyRing.js';

/**
 * Thought Industries takes `Authorization: Bearer <API key>` and answers anything else with a 401
 * and an empty body. Without strict keys any well-formed key passes.
 */
export function acceptsThoughtIndustriesKey(headers: Readonly<Record<string, string>>, keys: KeyRing | null): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec((headers['authorization'] ?? '').trim());
  if (!match) return false;
  return keys === null || (keys['thought-industries'] ?? []).some((k) => k.key === match[1]);
}
