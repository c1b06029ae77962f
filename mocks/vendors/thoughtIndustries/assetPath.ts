/**
 * The rules an asset path must keep, checked segment by segment on the path as percent-decoded once
 * (by the route table). Assets live in memory, keyed by this path; the rules keep the names
 * portable and readable back under the same name (in a URL, a JSON body or a file system), so no
 * name can mean a place outside the store anywhere it is used.
 */

const maxAssetPathLength = 1024;

export const assetPathRules =
  '1 to 1024 characters; segments separated by "/", none empty, "." or ".."; no leading or trailing "/", no drive letter, no backslash, control character, line or paragraph separator, or unpaired surrogate';

/** Why the path is refused, or null when it may be stored under exactly this name. */
export function assetPathProblem(path: string): string | null {
  if (path.length === 0) return 'it is empty';
  if (path.length > maxAssetPathLength) return `it is ${path.length} characters long`;
  if (/^[A-Za-z]:/.test(path)) return 'it starts with a drive letter';
  if (path.startsWith('/')) return 'it starts with "/" (an absolute path)';
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const problem = segmentProblem(segments[i]!, i === segments.length - 1);
    if (problem) return `segment ${i + 1} ${problem}`;
  }
  return null;
}

function segmentProblem(segment: string, last: boolean): string | null {
  if (segment === '') return last ? 'is empty (the path ends with "/")' : 'is empty ("//")';
  if (segment === '.' || segment === '..') return `is "${segment}"`;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code === 0x5c) return 'holds a backslash';
    // C0 and C1 controls (U+0085, next line, among them) and DEL.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `holds the control character U+${hex(code)}`;
    if (code === 0x2028 || code === 0x2029)
      return `holds the ${code === 0x2028 ? 'line' : 'paragraph'} separator U+${hex(code)}`;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = segment.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return `holds an unpaired surrogate U+${hex(code)}`;
      i += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return `holds an unpaired surrogate U+${hex(code)}`;
    }
  }
  return null;
}

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
