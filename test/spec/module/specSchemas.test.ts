import { describe, expect, it } from 'vitest';
import { createRuleChecker } from '../../../mocks/spec/rowRules.js';
import { apiKeyLocations } from '../../../mocks/spec/securitySchemes.js';
import { inferredMarker, isMockExtension } from '../../../mocks/spec/specMarkers.js';
import { componentSchema, dataWrapperName, rowColumns, rowRulesOf } from '../../../mocks/spec/specSchemas.js';
import { parseSpecYaml } from '../../../mocks/spec/specYaml.js';

describe('the Thought Industries wrapper name', () => {
  it("is the one property of data in the operation's 200 schema", () => {
    expect(dataWrapperName('thought-industries', 'getBackgroundJob')).toBe('APIBackgroundJob');
    expect(dataWrapperName('thought-industries', 'bulkImportCourseGroupWebinars')).toBe(
      'APIBulkCourseGroupWebinarImport',
    );
    expect(dataWrapperName('thought-industries', 'bulkCreateCertificateTemplates')).toBe(
      'APIBulkCreateCertificateTemplates',
    );
  });

  it('is refused, naming the spec file, for an answer without one', () => {
    expect(() => dataWrapperName('thought-industries', 'ping')).toThrow(
      'openapi/thought-industries.yaml: the 200 answer of ping has no data.<name> wrapper',
    );
    expect(() => dataWrapperName('thought-industries', 'uploadImportAsset')).toThrow(
      'uploadImportAsset documents no 200 answer',
    );
  });
});

describe('row schemas', () => {
  it('give the import file header in spec order', () => {
    expect(rowColumns('thought-industries', 'WebinarImportRow').slice(0, 6)).toEqual([
      'externalId',
      'title',
      'slug',
      'description',
      'startDate',
      'endDate',
    ]);
  });

  it('give their x-bulkmock-rules as data', () => {
    expect(rowRulesOf('thought-industries', 'WebinarImportRow')).toEqual([
      { rule: 'after', field: 'endDate', than: 'startDate' },
      { rule: 'unique', field: 'externalId' },
    ]);
    expect(rowRulesOf('learning-builder', 'LearningBuilderImportRecord')).toEqual([
      { rule: 'unique', field: 'ExternalRecordId' },
    ]);
  });

  it('are refused, naming the spec file, when the spec has no such schema', () => {
    expect(() => componentSchema('stackone', 'NoSuchRow')).toThrow('openapi/stackone-lms.yaml has no schema NoSuchRow');
  });

  it('name an earlier row by number and unit, or by the label it was checked under', () => {
    const rules = rowRulesOf('thought-industries', 'WebinarImportRow');
    const byRow = createRuleChecker(rules, 'row');
    expect(byRow({ externalId: 'W-1' }, 1)).toEqual([]);
    expect(byRow({ externalId: 'W-1' }, 4)).toEqual([
      { field: 'externalId', code: 'unique', message: 'externalId "W-1" is already used by row 1' },
    ]);
    const byLabel = createRuleChecker(rules, null);
    byLabel({ externalId: 'W-1' }, 'item 0');
    expect(
      byLabel({ externalId: 'W-1', startDate: '2027-03-09T11:00:00Z', endDate: '2027-03-09T10:00:00Z' }, 'item 3').map(
        (p) => p.message,
      ),
    ).toEqual(['endDate must be after startDate', 'externalId "W-1" is already used by item 0']);
  });
});

describe('inferred markers', () => {
  it('read the reason and, when named, the keywords a marker designs', () => {
    expect(inferredMarker({ 'x-bulkmock-inferred': 'ours', 'x-bulkmock-inferred-keywords': ['pattern'] })).toEqual({
      reason: 'ours',
      keywords: ['pattern'],
    });
    expect(inferredMarker({ 'x-bulkmock-inferred': 'ours' })).toEqual({ reason: 'ours', keywords: null });
    expect(inferredMarker({ type: 'string' })).toBeNull();
    expect(isMockExtension({ 'x-bulkmock-extension': true })).toBe(true);
    expect(isMockExtension({})).toBe(false);
  });
});

describe('spec YAML', () => {
  it('reads an OpenAPI document and refuses text that is not one, naming it', () => {
    expect(parseSpecYaml('openapi: 3.1.0\ninfo: { title: t, version: "1" }\n').info.title).toBe('t');
    expect(() => parseSpecYaml('- a\n- b\n', 'openapi/x.yaml')).toThrow('openapi/x.yaml is not an OpenAPI document');
  });
});

describe('security schemes', () => {
  it('name the headers the apiKey schemes of every spec send credentials in, lower case', () => {
    const locations = apiKeyLocations();
    // Learning Builder's `Authorization: apikey <key>` and the control API's token.
    expect([...locations.header].sort()).toEqual(['authorization', 'x-bulkmock-token']);
    expect([...locations.query]).toEqual([]);
  });
});
