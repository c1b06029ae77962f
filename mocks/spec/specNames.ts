/**
 * The specs bulkmock serves, by name, and the file each is written in. Kept apart from the documents
 * themselves so that code which only names a spec (the CLI, the generator that writes the documents)
 * does not load them.
 */

export type Vendor = 'thought-industries' | 'stackone' | 'learning-builder';
export type SpecName = Vendor | 'control';

export const vendors: readonly Vendor[] = ['thought-industries', 'stackone', 'learning-builder'];

/** The spec file each name comes from, for messages, for Prism and for the generator. */
export const specFiles: Readonly<Record<SpecName, string>> = {
  'thought-industries': 'openapi/thought-industries.yaml',
  stackone: 'openapi/stackone-lms.yaml',
  'learning-builder': 'openapi/learning-builder.yaml',
  control: 'openapi/bulkmock-control.yaml',
};
