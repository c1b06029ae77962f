import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { captureOutput } from '../support/cliOutput.js';

describe('bulkmock fidelity', () => {
  it('explains itself in --help', async () => {
    const io = captureOutput();
    expect(await main(['fidelity', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('Usage: bulkmock fidelity [--vendor <name>] [--format text|json|markdown]');
    expect(io.stdout).toContain('x-bulkmock-inferred');
    expect(io.stdout).toMatch(/--format <format>\s+text, json or markdown\. \(default: text\)/);
  });

  it('prints, per operation, what the vendor documents and what bulkmock designed, with rule ids and reasons', async () => {
    const io = captureOutput();
    expect(await main(['fidelity', '--vendor', 'thought-industries'], io)).toBe(0);
    expect(io.stdout).toContain(
      'POST /incoming/v2/content/certificate-templates/bulk (bulkCreateCertificateTemplates):',
    );
    expect(io.stdout).toContain(
      'documented  required templates  [seed 003: Parameters (templates, CertificateTemplateInput[], Required Yes, body)]',
    );
    expect(io.stdout).toContain(
      'designed    thought-industries#/components/schemas/CertificateTemplatesBulkRequest/properties/templates/maxItems  (request (stricter',
    );
    expect(io.stdout).toContain(
      "why: The vendor publishes no count limit; at most 500 templates per call is bulkmock's.",
    );
    expect(io.stdout).not.toContain('/unified/lms/');
  });

  it('prints the report as JSON for one vendor', async () => {
    const io = captureOutput();
    expect(await main(['fidelity', '--vendor', 'stackone', '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.stdout) as {
      vendors: Array<{
        vendor: string;
        operations: Array<{ operationId: string; designed: Array<{ ruleId: string }> }>;
      }>;
    };
    expect(report.vendors.map((v) => v.vendor)).toEqual(['stackone']);
    const batch = report.vendors[0]!.operations.find((o) => o.operationId === 'batchUpsertCourses')!;
    expect(batch.designed.map((d) => d.ruleId)).toContain(
      'stackone#/components/schemas/BatchUpsertCoursesRequest/properties/items/maxItems',
    );
  });

  it('prints docs/fidelity.md with --format markdown', async () => {
    const io = captureOutput();
    expect(await main(['fidelity', '--format', 'markdown'], io)).toBe(0);
    // Byte for byte what the process writes: the document already ends with its newline.
    expect(io.stdout).toBe(readFileSync(new URL('../../docs/fidelity.md', import.meta.url), 'utf8'));
  });

  it('exits 2 naming the choices for an unknown vendor or format', async () => {
    const io = captureOutput();
    expect(await main(['fidelity', '--vendor', 'moodle'], io)).toBe(2);
    expect(await main(['fidelity', '--format', 'html'], io)).toBe(2);
    expect(io.stderr).toContain('--vendor must be one of thought-industries, stackone, learning-builder, got "moodle"');
    expect(io.stderr).toContain('--format must be one of text, json, markdown, got "html"');
  });
});
