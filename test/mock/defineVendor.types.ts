/**
 * Compile-time checks of defineVendor's handler map (run by `npm run typecheck`, not by vitest): a
 * missing or misspelled handler is a type error, so each line below must fail to compile.
 */
import { defineVendor, jsonResponse } from '../../mocks/index.js';
import { acmeBadges } from '../fixtures/acmeBadges/acmeBadges.js';
import type { operations } from '../fixtures/acmeBadges/acmeBadgesTypes.js';

const { name, spec, specFile, prefixes, errors } = acmeBadges;
const auth = () => null;
const ok = () => jsonResponse(200, {});

export const missingHandler = defineVendor<operations>({
  name,
  spec,
  specFile,
  prefixes,
  auth,
  errors,
  // @ts-expect-error listBadges has no handler
  operations: { createBadges: ok },
});

export const misspelledHandler = defineVendor<operations>({
  name,
  spec,
  specFile,
  prefixes,
  auth,
  errors,
  // @ts-expect-error listBadge is not an operation of the spec (listBadges is)
  operations: { createBadges: ok, listBadges: ok, listBadge: ok },
});
