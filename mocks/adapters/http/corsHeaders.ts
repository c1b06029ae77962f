const exposeHeaders = 'retry-after, x-bulkmock-job-id, allow, content-length';

/**
 * Sent on every vendor answer, so a page served from another origin (an app's dev server) can call
 * the mock and read the headers a client needs, as it would call the vendor.
 */
export const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': exposeHeaders,
};

/**
 * The control API's CORS headers: only an origin the policy allowed is named, so a page on any
 * other site cannot read what the mock answers (its request log, say).
 */
export function controlCorsHeaders(allowedOrigin: string | null): Record<string, string> {
  return allowedOrigin === null
    ? { vary: 'origin' }
    : { 'access-control-allow-origin': allowedOrigin, 'access-control-expose-headers': exposeHeaders, vary: 'origin' };
}
