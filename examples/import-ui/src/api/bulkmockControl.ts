import type { components } from '../../../../openapi/generated/bulkmock-control.js';
import type { Connection } from './connection.js';
import { requestJson } from './http.js';

export type MockJob = components['schemas']['MockJob'];

/** A job as bulkmock's control API shows it: the only way to follow a StackOne batch. */
export async function getMockJob(connection: Connection, id: string): Promise<MockJob> {
  return (await requestJson<MockJob>(connection, `/__bulkmock/jobs/${encodeURIComponent(id)}`)).body;
}
