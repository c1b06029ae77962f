import type { Vendor } from '../mocks/spec/specRegistry.js';

/** What the suite authenticates with. Never printed: every report is redacted of these. */
export interface ContractCredentials {
  /** The vendor API key (Thought Industries bearer key, StackOne key, Learning Builder apikey). */
  apiKey?: string;
  /** StackOne's linked account (`x-account-id`). */
  accountId?: string;
  /** The control token of a bulkmock started with `--control-token`, for its /__bulkmock/ calls. */
  controlToken?: string;
}

/** Where each credential is read from when no flag gives it. */
export const credentialEnv: Readonly<Record<Vendor, { apiKey: string; accountId?: string }>> = {
  'thought-industries': { apiKey: 'BULKMOCK_TI_API_KEY' },
  stackone: { apiKey: 'BULKMOCK_STACKONE_API_KEY', accountId: 'BULKMOCK_STACKONE_ACCOUNT_ID' },
  'learning-builder': { apiKey: 'BULKMOCK_LB_API_KEY' },
};
export const controlTokenEnv = 'BULKMOCK_CONTROL_TOKEN';
export const importProcessIdEnv = 'BULKMOCK_LB_IMPORT_PROCESS_ID';

/** Used against a local target when nothing else is given: a mock without strict keys accepts them. */
export const localDefaults = {
  apiKey: 'contract-test-key',
  accountId: 'contract-account',
  importProcessId: '1',
} as const;

/** The credentials of a vendor from the environment; absent variables stay absent. */
export function credentialsFromEnv(vendor: Vendor, env: NodeJS.ProcessEnv = process.env): ContractCredentials {
  const names = credentialEnv[vendor];
  const pick = (name: string | undefined) => (name && env[name] ? env[name] : undefined);
  return { apiKey: pick(names.apiKey), accountId: pick(names.accountId), controlToken: pick(controlTokenEnv) };
}

/** The credential a vendor is missing, or null when it has what it needs. */
export function missingCredential(vendor: Vendor, credentials: ContractCredentials): string | null {
  const names = credentialEnv[vendor];
  if (!credentials.apiKey) return `no API key for ${vendor}: set ${names.apiKey} or pass --api-key`;
  if (names.accountId && !credentials.accountId)
    return `no linked account for ${vendor}: set ${names.accountId} or pass --account-id`;
  return null;
}

/** The headers each vendor authenticates with, as its spec's security scheme describes. */
export function vendorAuthHeaders(vendor: Vendor, credentials: ContractCredentials): Record<string, string> {
  const key = credentials.apiKey ?? '';
  switch (vendor) {
    case 'thought-industries':
      return { authorization: `Bearer ${key}` };
    case 'stackone':
      return {
        authorization: `Basic ${Buffer.from(`${key}:`, 'utf8').toString('base64')}`,
        'x-account-id': credentials.accountId ?? '',
      };
    case 'learning-builder':
      return { authorization: `apikey ${key}` };
  }
}
