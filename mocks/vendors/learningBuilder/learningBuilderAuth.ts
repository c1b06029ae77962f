import type { KeyRing } from '../../core/keyRing.js';
import type { Rejection } from '../../spec/requestValidation.js';

const importPermission = 'BeginWorkflowImportProcess';

/** Learning Builder takes `Authorization: apikey <key>`; the key needs BeginWorkflowImportProcess. */
export function checkLearningBuilderCredentials(
  headers: Readonly<Record<string, string>>,
  keys: KeyRing | null,
): Rejection | null {
  const header = headers['authorization'];
  if (!header)
    return {
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'missing Authorization header; send "Authorization: apikey <key>"',
    };
  const match = /^apikey\s+(\S+)$/i.exec(header.trim());
  if (!match)
    return { status: 401, code: 'UNAUTHORIZED', message: 'malformed Authorization header; expected "apikey <key>"' };
  if (!keys) return null;
  const entry = (keys['learning-builder'] ?? []).find((k) => k.key === match[1]);
  if (!entry) return { status: 401, code: 'UNAUTHORIZED', message: 'the API key is not valid' };
  if (entry.permissions && !entry.permissions.includes(importPermission)) {
    return { status: 403, code: 'FORBIDDEN', message: `the API key lacks the ${importPermission} permission` };
  }
  return null;
}
