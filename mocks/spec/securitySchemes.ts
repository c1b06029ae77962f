import { documents } from './specRegistry.js';

/** Header and query parameter names, lower case, that credentials travel in. */
export interface CredentialLocations {
  header: Set<string>;
  query: Set<string>;
}

interface SecuritySchemeObject {
  type?: string;
  in?: string;
  name?: string;
}

/**
 * The header and query parameter names the specs' apiKey security schemes (`components.securitySchemes`)
 * send credentials in, over every spec, lower case: a scheme added to a spec is redacted without a
 * change to the code that redacts.
 */
export function apiKeyLocations(): CredentialLocations {
  const names: CredentialLocations = { header: new Set(), query: new Set() };
  for (const document of Object.values(documents)) {
    const schemes = (document.components?.securitySchemes ?? {}) as Record<string, SecuritySchemeObject>;
    for (const scheme of Object.values(schemes)) {
      if (scheme.type !== 'apiKey' || typeof scheme.name !== 'string') continue;
      if (scheme.in === 'header') names.header.add(scheme.name.toLowerCase());
      if (scheme.in === 'query') names.query.add(scheme.name.toLowerCase());
    }
  }
  return names;
}
