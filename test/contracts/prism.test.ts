import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractSuite } from '../../contracts/index.js';
import { vendors, type Vendor } from '../../mocks/spec/specRegistry.js';
import { startPrism, type RunningPrism } from './support/prismProcess.js';
import { notPassed } from './support/reportQueries.js';

// One `prism mock` per spec, started together (Prism takes a second or two to start).
const prisms = new Map<Vendor, RunningPrism>();
beforeAll(async () => {
  const started = await Promise.all(vendors.map(async (vendor) => [vendor, await startPrism(vendor)] as const));
  for (const [vendor, prism] of started) prisms.set(vendor, prism);
}, 120_000);
afterAll(async () => {
  await Promise.all([...prisms.values()].map((p) => p.stop()));
});

describe('the contract suite against prism mock of each spec', () => {
  it.each(vendors)('passes the %s schema checks and skips the behaviour checks as stateless', async (vendor) => {
    const report = await runContractSuite({ vendor, target: prisms.get(vendor)!.url, timeoutMs: 10_000 });
    expect(report.target).toMatchObject({ kind: 'prism', extensions: false });
    expect(report.target.detectedBy).toMatch(/Prism problem document/);
    expect(report.ok).toBe(true);

    const schema = report.checks.filter((c) => c.kind === 'schema');
    const behaviour = report.checks.filter((c) => c.kind === 'behaviour');
    expect(schema.filter((c) => c.status === 'passed').length).toBeGreaterThan(0);
    // A schema check either passed or needs an operation only bulkmock has.
    for (const c of schema.filter((s) => s.status !== 'passed'))
      expect(c, notPassed(report).join('\n')).toMatchObject({
        status: 'skipped',
        reason: expect.stringMatching(/^needs bulkmock extension: /),
      });
    for (const c of behaviour) expect(c).toMatchObject({ status: 'skipped', reason: 'target is stateless (Prism)' });
  });

  it('runs every schema check that needs no extension', async () => {
    const report = await runContractSuite({
      vendor: 'thought-industries',
      target: prisms.get('thought-industries')!.url,
      timeoutMs: 10_000,
    });
    const passed = report.checks.filter((c) => c.status === 'passed').map((c) => c.name);
    expect(passed).toEqual([
      'the target answers and can be tested',
      'ping answers PingResult',
      'a webinar import dry run answers CourseGroupWebinarImportResponse',
      'an in-person event import dry run answers InPersonEventImportResponse',
      'a certificate template dry run answers CertificateTemplatesBulkResponse',
      'a background job answers BackgroundJobResponse',
      'a session webinar import dry run answers SessionWebinarImportResponse',
      'a course group in-person event import dry run answers CourseGroupInPersonEventImportResponse',
      'a users import dry run answers UsersBulkImportResponse',
    ]);
  });
});
