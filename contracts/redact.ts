/** What every secret is replaced with. */
export const redactedMark = '[redacted]';

/**
 * Replaces credentials wherever they appear in text: as given, percent-encoded, and in the
 * encodings the vendors' auth headers use (StackOne sends base64 of `<key>:`). A target's answer can
 * echo a credential back (in an error message, say), and that answer ends up in failure messages;
 * so every report is passed through this before it is printed or written.
 */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: ReadonlyArray<string | undefined | null>) {
    const variants = new Set<string>();
    for (const secret of secrets) {
      if (!secret) continue;
      for (const variant of [
        secret,
        encodeURIComponent(secret),
        base64(secret),
        base64(`${secret}:`),
        base64(`${secret}:`).replace(/=+$/, ''),
      ]) {
        if (variant) variants.add(variant);
      }
    }
    // Longest first, so a secret inside a longer encoded one does not leave the rest behind.
    this.secrets = [...variants].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let result = value;
    for (const secret of this.secrets) result = result.split(secret).join(redactedMark);
    return result;
  }

  /** A copy of any JSON-like value with every string redacted (object keys included). */
  value<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.walk(v)]));
    }
    return value;
  }
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
