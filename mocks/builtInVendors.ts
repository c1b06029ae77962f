/**
 * The composition root: the vendors bulkmock ships, and `createMockCore` with them as the default.
 * The core (mocks/core) knows no vendor; the CLI, the MSW adapters, the node:http server and
 * `bulkmock/vitest` get their vendors from here.
 */
import { createMockCore as createCore, type CreateMockOptions as CoreOptions, type MockCore } from './core/mockCore.js';
import type { AnyVendorDefinition } from './core/vendorDefinition.js';
import { learningBuilder } from './vendors/learningBuilder/learningBuilderSimulator.js';
import { stackOne } from './vendors/stackOne/stackOneSimulator.js';
import { thoughtIndustries } from './vendors/thoughtIndustries/thoughtIndustriesSimulator.js';

/** Every vendor bulkmock ships, in the order banners and health list them. */
export const builtInVendors: readonly AnyVendorDefinition[] = [thoughtIndustries, stackOne, learningBuilder];

export type BuiltInVendorName = 'thought-industries' | 'stackone' | 'learning-builder';

export interface CreateMockOptions extends Omit<CoreOptions, 'vendors' | 'notServed'> {
  /**
   * The vendors to serve: built-in ones by name (`'stackone'`) and/or definitions made with
   * `defineVendor`. Default: every built-in vendor.
   */
  vendors?: ReadonlyArray<BuiltInVendorName | AnyVendorDefinition>;
}

/** The definitions a selection names; an unknown name is a RangeError that lists the known ones. */
export function selectVendors(
  selection: ReadonlyArray<string | AnyVendorDefinition> | undefined,
): AnyVendorDefinition[] {
  if (selection === undefined) return [...builtInVendors];
  return selection.map((item) => {
    if (typeof item !== 'string') return item;
    const found = builtInVendors.find((vendor) => vendor.name === item);
    if (!found)
      throw new RangeError(`unknown vendor "${item}" (known: ${builtInVendors.map((v) => v.name).join(', ')})`);
    return found;
  });
}

/**
 * Builds one mock instance (see mocks/core/mockCore.ts) serving the selected vendors: every
 * built-in vendor unless `vendors` says otherwise. A built-in vendor left out still answers its
 * paths with a 404 that says how to enable it.
 */
export function createMockCore(options: CreateMockOptions = {}): MockCore {
  const vendors = selectVendors(options.vendors);
  const notServed = builtInVendors.filter((builtIn) => !vendors.some((vendor) => vendor.name === builtIn.name));
  return createCore({ ...options, vendors, notServed });
}

export type { MockCore };
