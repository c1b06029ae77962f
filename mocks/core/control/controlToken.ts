import type { OperationCall } from '../simulator.js';

/** Every /__bulkmock/ operation (and every vendor spec's extension) needs the control token when the mock was started with one. */
export function checkControlToken(call: OperationCall): string | null {
  const expected = call.state.settings.controlToken;
  if (!expected) return null;
  const sent = call.request.headers['x-bulkmock-token'];
  if (sent === undefined) return 'this mock requires the control token in the X-Bulkmock-Token header';
  return sameText(sent, expected) ? null : 'the X-Bulkmock-Token header does not match the control token';
}

/** Compares in time that depends only on the lengths, so the token cannot be guessed character by character. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}
