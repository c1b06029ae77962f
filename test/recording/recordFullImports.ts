import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vendors, type Vendor } from '../../mocks/spec/specRegistry.js';
import type { HarLog } from '../../mocks/replay/har.js';
import { HarFileWriter, readHarFile } from '../../recording/harFile.js';
import { startRecordingProxy } from '../../recording/recordingProxy.js';
import { runFullImports, type SeenExchange } from './importClients.js';
import type { StandInPlatform } from './standInPlatform.js';

export interface FullRecording {
  dir: string;
  /** One HAR per vendor, as `bulkmock record <vendor>` writes them, in the order the client ran. */
  recordings: Array<{ name: string; file: string; har: HarLog }>;
  /** What the client saw live. */
  live: SeenExchange[];
  /** What each proxy printed. */
  logged: string[];
}

/** Records a full import of every vendor through one recording proxy per vendor in front of the stand-in. */
export async function recordFullImports(
  standIn: StandInPlatform,
  completedOn = '2026-12-01T10:00:00Z',
): Promise<FullRecording> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkmock-record-'));
  const logged: string[] = [];
  const proxies = await Promise.all(
    vendors.map(async (vendor) => {
      const writer = await HarFileWriter.create(
        path.join(dir, `${vendor}.har`),
        { name: 'bulkmock', version: 'test' },
        `full import of ${vendor}`,
      );
      return startRecordingProxy({
        vendor,
        upstream: new URL(standIn.url),
        writer,
        port: 0,
        log: (line) => logged.push(line),
      });
    }),
  );
  const live = await runFullImports(
    Object.fromEntries(vendors.map((v, i) => [v, proxies[i]!.url])) as Record<Vendor, string>,
    completedOn,
  );
  await Promise.all(proxies.map((p) => p.close()));
  const recordings = await Promise.all(
    vendors.map(async (vendor) => {
      const file = path.join(dir, `${vendor}.har`);
      return { name: `${vendor}.har`, file, har: await readHarFile(file) };
    }),
  );
  return { dir, recordings, live, logged };
}
