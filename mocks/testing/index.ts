/**
 * bulkmock in a test file (`bulkmock/vitest`): `useBulkmock()` starts the mock before all tests,
 * resets it after each and closes it after all, with instant timing, absolute base URLs, and
 * `waitForJob(id)` that never sleeps. It imports nothing from vitest, so Jest can use it too.
 */
export {
  useBulkmock,
  urlsOf,
  mswOrigin,
  type BulkmockTestContext,
  type BulkmockUrls,
  type LifecycleHooks,
  type UseBulkmockOptions,
} from './useBulkmock.js';
export { waitForJob, type MockJob, type WaitForJobOptions } from './waitForJob.js';
