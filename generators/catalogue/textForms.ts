/**
 * `Data Privacy Essentials: What's New` -> `data-privacy-essentials-whats-new`, at most `maxLength`
 * characters and cut at a word boundary: the URL name a catalogue gives a course.
 */
export function slugify(text: string, maxLength = 120): string {
  const slug = asciiFold(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** `Stöckert` -> `stockert`, `O'Hara` -> `ohara`: a name as the local part of an e-mail address. */
export function emailWord(name: string): string {
  return asciiFold(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Removes accents (`é` -> `e`) so that names fit ASCII-only fields. */
function asciiFold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** `a`, `a and b`, `a, b and c`. */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
