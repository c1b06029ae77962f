/** Each decode is a whole value, so one decoder serves every call (this runs on every StackOne request). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes standard base64 to UTF-8 text in Node and in the browser; null when it is not base64. */
export function decodeBase64(value: string): string | null {
  try {
    const binary = atob(value);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function encodeBase64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
