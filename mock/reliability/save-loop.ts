// Appends records to a state journal as fast as it can, folding it into snapshots every few
// kilobytes, and prints `acked <n>` each time record n is acknowledged, until killed: crash.test.ts
// kills it with SIGKILL at random moments and checks that every acknowledged record is there.
// Usage: node --import tsx mock/reliability/save-loop.ts <path>
import { openFileLog } from '../state/file-journal.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: save-loop.ts <state file>');
const opened = await openFileLog(path, { seed: 5, jobs: 20 }, { compactBytes: 8 * 1024 });
if (!opened.ok) throw new Error(opened.error);
const log = opened.log;
const start = opened.log.restored.sessions.get('loop')?.changes.size ?? 0;
console.log('ready');
// Four writers at once, so that records share syncs as concurrent requests do.
let next = start;
const writer = async () => {
  for (;;) {
    const n = next++;
    await log.append('loop', { c: [['jobs.jobs', `job-${n}`, { id: `job-${n}` }]], j: [`job-${n}`] });
    process.stdout.write(`acked ${n}\n`);
  }
};
await Promise.all([writer(), writer(), writer(), writer()]);
