import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the address a server started as a child process prints once it listens: the first
 * capture of `pattern` in its output (stdout or stderr), which also tells the port when 0 was asked
 * for. Rejects, naming the server, with its last output lines if it exits first, or after `timeoutMs`.
 */
export function listeningAddress(
  child: ChildProcess,
  pattern: RegExp,
  options: { name: string; timeoutMs?: number },
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-8_000);
      const match = pattern.exec(seen);
      if (match) finish(() => resolve(match[1]!.replace(/\/$/, '')));
    };
    const onExit = (code: number | null) =>
      finish(() =>
        reject(
          new Error(
            `${options.name} exited (${code}) before listening:\n${seen.trim().split('\n').slice(-8).join('\n')}`,
          ),
        ),
      );
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${options.name} did not listen within ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
