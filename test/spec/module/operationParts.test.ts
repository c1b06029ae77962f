import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../../mocks/spec/openApiDocument.js';
import { matchesRestOfPath, operationParameters } from '../../../mocks/spec/operationParameters.js';
import { requestBodyOf } from '../../../mocks/spec/operationRequestBody.js';
import {
  documentedStatuses,
  exampleNames,
  findExample,
  responseFor,
  responseKeyFor,
} from '../../../mocks/spec/operationResponses.js';
import { findOperation, operationsOf } from '../../../mocks/spec/specRegistry.js';

/** A small spec whose path item declares parameters that its operations share, override or add to. */
const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'files', version: '1' },
  components: { parameters: { Tenant: { name: 'tenant', in: 'header', required: true, schema: { type: 'string' } } } },
  paths: {
    '/files/{filePath}': {
      parameters: [
        { name: 'filePath', in: 'path', required: true, 'x-bulkmock-match-rest': true, schema: { type: 'string' } },
        { $ref: '#/components/parameters/Tenant' },
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
      ],
      get: {
        operationId: 'readFile',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 10 } }],
        responses: {},
      },
      put: { operationId: 'writeFile', responses: {} },
    },
  },
};
const [readFile, writeFile] = operationsOf('thought-industries', document) as [
  ReturnType<typeof operationsOf>[number],
  ReturnType<typeof operationsOf>[number],
];

describe('operation parameters', () => {
  it('include the path item parameters, path-level first, with where each is written', () => {
    const parameters = operationParameters(writeFile, document);
    expect(parameters.map((p) => `${p.parameter.in} ${p.parameter.name}`)).toEqual([
      'path filePath',
      'header tenant',
      'query limit',
    ]);
    expect(parameters[0]!.declaredAt).toEqual(['paths', '/files/{filePath}', 'parameters', '0']);
    expect(parameters[1]).toMatchObject({
      referenced: true,
      declaredAt: ['paths', '/files/{filePath}', 'parameters', '1'],
      definedAt: ['components', 'parameters', 'Tenant'],
    });
  });

  it("let an operation's own parameter replace the path item's one of the same name and location", () => {
    const parameters = operationParameters(readFile, document);
    expect(parameters.map((p) => `${p.parameter.in} ${p.parameter.name}`)).toEqual([
      'path filePath',
      'header tenant',
      'query limit',
    ]);
    expect(parameters[2]!.parameter.schema).toEqual({ type: 'integer', maximum: 10 });
    expect(parameters[2]!.declaredAt).toEqual(['paths', '/files/{filePath}', 'get', 'parameters', '0']);
  });

  it('tell the route table and the MSW handlers that a path-level parameter takes the rest of the path', () => {
    expect(matchesRestOfPath(readFile, 'filePath', document)).toBe(true);
    expect(matchesRestOfPath(readFile, 'tenant', document)).toBe(false);
    expect(matchesRestOfPath(findOperation('thought-industries', 'uploadImportAsset'), 'assetPath')).toBe(true);
    expect(matchesRestOfPath(findOperation('thought-industries', 'getBackgroundJob'), 'id')).toBe(false);
  });
});

describe('responses by status', () => {
  it('pick the exact status, then its range, then default', () => {
    expect(responseKeyFor({ 200: {}, '4XX': {}, default: {} }, 200)).toBe('200');
    expect(responseKeyFor({ 200: {}, '4XX': {}, default: {} }, 404)).toBe('4XX');
    expect(responseKeyFor({ 200: {}, default: {} }, 503)).toBe('default');
    expect(responseKeyFor({ 200: {} }, 503)).toBeNull();
  });

  it('follow a referenced response and say both where it is declared and where it is defined', () => {
    const batch = findOperation('stackone', 'batchUpsertCourses');
    const badRequest = responseFor(batch, 400)!;
    expect(badRequest).toMatchObject({
      key: '400',
      referenced: true,
      definedAt: ['components', 'responses', 'BadRequest'],
    });
    expect(badRequest.declaredAt).toEqual(['paths', '/unified/lms/courses/batch', 'post', 'responses', '400']);
    expect(badRequest.response.content?.['application/json']?.schema).toBeDefined();
    const accepted = responseFor(batch, 202)!;
    expect(accepted).toMatchObject({ referenced: false, definedAt: accepted.declaredAt });
    expect(responseFor(batch, 418)).toBeNull();
  });

  it('list the documented statuses in spec order', () => {
    expect(documentedStatuses(findOperation('thought-industries', 'ping'))).toEqual([200, 400, 401, 429, 500, 503]);
  });
});

describe('examples', () => {
  const createBatch = findOperation('learning-builder', 'createWorkflowImportBatch');

  it('find a named example, from the lowest status up, or the one of a given status', () => {
    expect(findExample(createBatch, 'seed', null)).toEqual({
      status: 200,
      contentType: 'application/json',
      value: {
        queueBatchId: 'abc-def-123',
        queueBatchDetails: 'https://www.someLB.com/Admin/Whatever?batchId=abc-def-123',
      },
    });
    expect(findExample(createBatch, null, 415)).toMatchObject({
      status: 415,
      value: { errorCode: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(findExample(createBatch, 'seed', 415)).toBeNull();
  });

  it('name every example the responses offer, referenced responses included', () => {
    expect(exampleNames(createBatch)).toEqual(
      expect.arrayContaining(['seed', 'invalidJsonLine', 'emptyBody', 'maintenance']),
    );
  });
});

describe('request bodies', () => {
  it('follow a referenced body and say where it is defined; an operation without one has none', () => {
    expect(
      requestBodyOf(findOperation('stackone', 'batchUpsertCourses'))?.body.content['application/json'],
    ).toBeDefined();
    expect(requestBodyOf(findOperation('thought-industries', 'ping'))).toBeNull();
  });
});
