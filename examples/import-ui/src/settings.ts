/**
 * Where the example sends its requests. By default bulkmock runs inside this page, behind an MSW
 * service worker; one setting points it at a standalone `bulkmock serve` instead:
 *
 *   ?target=http://127.0.0.1:4010      (or VITE_BULKMOCK_TARGET at build or dev time)
 *   ?timing=instant|realistic|manual   (worker only; realistic is the default, so progress is visible)
 */
export type TimingMode = 'instant' | 'realistic' | 'manual';

export type MockTarget = { kind: 'worker'; timing: TimingMode } | { kind: 'server'; baseUrl: string };

const timingModes: readonly TimingMode[] = ['instant', 'realistic', 'manual'];

export function readTarget(search: string, envTarget: string | undefined): MockTarget {
  const query = new URLSearchParams(search);
  const target = query.get('target') ?? envTarget ?? '';
  if (target !== '') {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new Error(
        `target must be the base URL of a running bulkmock serve, such as http://127.0.0.1:4010; got "${target}"`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`target must be an http(s) URL; got "${target}"`);
    return { kind: 'server', baseUrl: url.origin };
  }
  const timing = query.get('timing') ?? 'realistic';
  if (!timingModes.includes(timing as TimingMode))
    throw new Error(`timing must be one of ${timingModes.join(', ')}; got "${timing}"`);
  return { kind: 'worker', timing: timing as TimingMode };
}
