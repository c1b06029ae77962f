import { decodeBase64 } from '../../core/base64.js';
import type { KeyRing } from '../../core/keyRing.js';
import type { Rejection } from '../../spec/requestValidation.js';

/**
 * StackOne takes `Authorization: Basic base64(api_key:)` (the key as user name) and the linked
 * account in `x-account-id`. Without strict keys any well-formed credential passes.
 */
export function checkStackOneCredentials(
  headers: Readonly<Record<string, string>>,
  keys: KeyRing | null,
): Rejection | null {
  const header = headers['authorization'];
  if (!header)
    return {
      status: 401,
      code: 'unauthorized',
      message: 'missing Authorization header; send Basic base64(<api key>:)',
    };
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  const decoded = match ? decodeBase64(match[1]!) : null;
  const user = decoded?.split(':')[0] ?? '';
  if (!decoded || !decoded.includes(':') || user === '') {
    return {
      status: 401,
      code: 'unauthorized',
      message: 'malformed Authorization header; expected Basic base64(<api key>:) with the API key as user name',
    };
  }
  const account = headers['x-account-id'];
  if (!account)
    return {
      status: 400,
      code: 'missing_account_id',
      message: 'the x-account-id header is required: it names the linked account to act on',
    };
  if (keys) {
    const entry = (keys.stackone ?? []).find((k) => k.key === user);
    if (!entry) return { status: 401, code: 'unauthorized', message: 'the API key is not valid' };
    if (entry.accounts && !entry.accounts.includes(account)) {
      return { status: 403, code: 'forbidden', message: `the API key may not act on account ${account}` };
    }
  }
  return null;
}
