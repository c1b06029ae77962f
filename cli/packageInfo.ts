import { readFileSync } from 'node:fs';

/** The version in package.json (read at run time so it is written once). */
export function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  // From source (tsx/vitest) the file sits one level higher than from dist/.
  for (const candidate of [url, new URL('../package.json', import.meta.url)]) {
    try {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'bulkmock' && parsed.version) return parsed.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
