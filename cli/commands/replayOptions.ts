import type { MockCore } from '../../mocks/core/mockCore.js';
import { readHarFile } from '../../recording/harFile.js';
import type { ReplayOptions } from '../../mocks/replay/replayLayer.js';
import { UsageError, type ParsedCommand } from '../command.js';

/** `serve --replay FILE.har` (repeatable) and `--replay-only`, read apart from serve's other options. */
export async function readReplayOptions(
  values: ParsedCommand['values'],
): Promise<{ options: ReplayOptions; banner(core: MockCore): string } | null> {
  const files = (values.replay as string[] | undefined) ?? [];
  if (files.length === 0) {
    if (values['replay-only']) throw new UsageError('--replay-only needs at least one --replay <file.har>');
    return null;
  }
  const recordings = await Promise.all(
    files.map(async (name) => {
      try {
        return { name, har: await readHarFile(name) };
      } catch (error) {
        throw new UsageError(`--replay: ${(error as Error).message}`);
      }
    }),
  );
  const options: ReplayOptions = { recordings, only: values['replay-only'] === true };
  return {
    options,
    banner: (core) => {
      const book = core.replay?.book;
      const skipped = book?.skipped ?? [];
      return [
        `  replaying ${book?.size ?? 0} recorded exchange(s) from ${files.join(', ')}${options.only ? '; anything else gets 404 (--replay-only)' : '; anything else is simulated'}`,
        ...skipped.slice(0, 5).map((s) => `    skipped ${s.source}: ${s.reason}`),
        ...(skipped.length > 5 ? [`    ... and ${skipped.length - 5} more skipped`] : []),
      ].join('\n');
    },
  };
}
