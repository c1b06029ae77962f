/**
 * Demo credentials. bulkmock accepts any well-formed credential unless it was started with strict
 * keys (`bulkmock serve --keys`), so these only need the right shape for each vendor.
 */
export const credentials = {
  thoughtIndustries: { authorization: 'Bearer import-ui-demo-key' },
  stackOne: { authorization: `Basic ${btoa('import-ui-demo-key:')}`, 'x-account-id': 'import-ui-demo-account' },
  learningBuilder: { authorization: 'apikey import-ui-demo-key' },
} as const;

/** The header that makes the job a request starts fail with the given message (bulkmock only). */
export function failJobHeader(failJob: string | null): Record<string, string> {
  return failJob === null ? {} : { 'x-bulkmock-fail-job': failJob };
}
