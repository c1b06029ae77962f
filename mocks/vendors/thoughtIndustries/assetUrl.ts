import { normalizeAssetPath } from '../../state/assetTable.js';
import { assetPathProblem } from './assetPath.js';

export const assetsPrefix = '/__bulkmock/assets/';

/**
 * The asset a file URL names, or why it names none. The mock never fetches: the URL's path is read
 * against its own asset store, `/__bulkmock/assets/<path>` naming `<path>` on any host and any other
 * path naming the asset stored under it (without the leading `/`). For every import that takes a
 * URL instead of an asset path.
 */
export function assetOfUrl(url: string): { path: string } | { problem: string } {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return { problem: 'it is not an absolute URL' };
  }
  const raw = pathname.startsWith(assetsPrefix) ? pathname.slice(assetsPrefix.length) : pathname;
  let path: string;
  try {
    path = normalizeAssetPath(decodeURIComponent(raw));
  } catch {
    return { problem: `its path ${raw} is not valid percent-encoded UTF-8` };
  }
  const problem = assetPathProblem(path);
  return problem ? { problem: `its path ${JSON.stringify(path)} cannot name an asset: ${problem}` } : { path };
}
