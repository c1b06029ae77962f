import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times: USER_HZ, 100 on every Linux the benches run on. */
const ticksPerSecond = 100;

/**
 * CPU seconds a process has used so far (user plus system, all its threads), from /proc/<pid>/stat
 * (Linux). On a machine shared with other work, a run's wall time moves with the load while its CPU
 * time mostly does not, so the ingest bench reports both.
 */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
