import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { runCli } from '../support/cliOutput.js';
import { useTempDir } from '../support/tempDir.js';

/**
 * The README's users import walkthrough, run with the real curl against a real server: each
 * command below is checked to be in the README word for word (its port is 4010 there), so the
 * README cannot drift from what this test proves.
 */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\\\n\s*/g, '');
const dir = useTempDir('users-walkthrough');
let server: RunningServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0, mock: { timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 10 } } });
});
afterAll(() => server.close());

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg}'`);
const readmeBase = 'http://127.0.0.1:4010';

/** Runs curl with these arguments (README's port swapped for the server's), after checking the README shows the same command. */
async function curl(args: string[], shownAs: (line: string) => string = (line) => line): Promise<string> {
  const line = `curl ${args.map(quote).join(' ')}`;
  expect(readme, 'README.md shows this command').toContain(shownAs(line));
  const swapped = args.map((arg) => arg.replaceAll(readmeBase, server.url));
  const { stdout } = await promisify(execFile)('curl', swapped, { cwd: dir.path });
  return stdout;
}

const auth = ['-H', 'Authorization: Bearer any-key'];
const asJson = ['-H', 'Content-Type: application/json'];
const usersUrl = `${readmeBase}/__bulkmock/assets/imports/users.csv`;
const bulkImport = `${readmeBase}/incoming/v2/users/bulkImport`;

describe('README: users import with curl', () => {
  it('uploads a users CSV, imports it dry then for real, polls the job and reads the users back', async () => {
    const generate = ['generate', 'ti-user', '--count', '20', '--invalid-rate', '0.1', '--out', 'users.csv'];
    expect(readme).toContain(`node bin/bulkmock.js ${generate.join(' ')}`);
    expect((await runCli([...generate.slice(0, -1), dir.file('users.csv')])).code).toBe(0);

    const uploaded = await curl([
      '-s',
      '-X',
      'PUT',
      '-H',
      'Content-Type: text/csv',
      '--data-binary',
      '@users.csv',
      `${readmeBase}/__bulkmock/assets/imports/users.csv`,
    ]);
    expect(JSON.parse(uploaded)).toMatchObject({ bulkImportAssetPath: 'imports/users.csv', contentType: 'text/csv' });

    const dry = JSON.parse(
      await curl(['-s', ...auth, ...asJson, '-d', `{"url":"${usersUrl}","dryRun":true}`, bulkImport]),
    ).data.APIUsersBulkImport;
    expect(dry.status).toBe('complete');
    expect(dry.description).toMatch(/: 18 valid rows, 2 invalid rows skipped \(row \d+: /);

    const real = JSON.parse(await curl(['-s', ...auth, ...asJson, '-d', `{"url":"${usersUrl}"}`, bulkImport])).data
      .APIUsersBulkImport;
    expect(real.status).toBe('queued');
    const poll = () =>
      curl(['-s', ...auth, `${readmeBase}/incoming/v2/jobs/${real.id}`], (line) => line.replace(real.id, '<job id>'));
    expect(JSON.parse(await poll()).data.APIBackgroundJob.status).toBe('queued');

    await curl(['-s', '-X', 'POST', ...asJson, '-d', '{"ms":5000}', `${readmeBase}/__bulkmock/clock/advance`]);
    expect(JSON.parse(await poll()).data.APIBackgroundJob).toMatchObject({
      status: 'complete',
      progress: { processed: 18, total: 18 },
    });

    const users = JSON.parse(await curl(['-s', `${readmeBase}/__bulkmock/thought-industries/records/users?limit=5`]));
    expect(users.total).toBe(18);
    expect(users.items).toHaveLength(5);
    expect(users.items[0]).toMatchObject({ collection: 'users', sourceJobId: real.id });
  });

  it('accepts a url that names no stored file, and fails the job saying so', async () => {
    const missing = 'https://files.example.com/exports/missing.csv';
    const job = JSON.parse(await curl(['-s', ...auth, ...asJson, '-d', `{"url":"${missing}"}`, bulkImport])).data
      .APIUsersBulkImport;
    await curl(['-s', '-X', 'POST', ...asJson, '-d', '{"ms":5000}', `${readmeBase}/__bulkmock/clock/advance`]);
    const ended = JSON.parse(
      await curl(['-s', ...auth, `${readmeBase}/incoming/v2/jobs/${job.id}`], (line) =>
        line.replace(job.id, '<job id>'),
      ),
    ).data.APIBackgroundJob;
    expect(ended.status).toBe('failed');
    expect(ended.errorMessage).toContain(`Could not read ${missing}: no asset is stored at exports/missing.csv`);
  });
});
