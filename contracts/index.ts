/**
 * The contract suite: one verdict for any backend of a vendor's bulk-import API, whether bulkmock,
 * `prism mock` of the spec, or the vendor's platform. See docs/contracts.md.
 */
export {
  runContractSuite,
  listChecks,
  type CheckInfo,
  type ContractOptions,
  type RunContractSuiteOptions,
} from './suite.js';
export { describeContract, type TestRegistrar } from './describeContract.js';
export {
  credentialsFromEnv,
  credentialEnv,
  controlTokenEnv,
  importProcessIdEnv,
  localDefaults,
  type ContractCredentials,
} from './credentials.js';
export { formatPretty } from './reporters/pretty.js';
export { formatJson } from './reporters/json.js';
export { formatJunit } from './reporters/junit.js';
export { Redactor, redactedMark } from './redact.js';
export { isLocalHost } from './target.js';
export {
  formatProblem,
  type CheckKind,
  type CheckResult,
  type CheckStatus,
  type ContractReport,
  type ContractSummary,
  type Problem,
  type TargetInfo,
  type TargetKind,
} from './report.js';
