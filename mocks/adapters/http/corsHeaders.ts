/**
 * Sent on every answer, so a page served from another origin (an app's dev server) can call the mock
 * and read the headers a client needs.
 */
export const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'retry-after, x-bulkmock-job-id, allow, content-length',
};
