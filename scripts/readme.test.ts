// The README runs as written: its shell blocks marked `<!-- run -->`, in order, as one bash script
// (stops at the first failing command) against a mock started here, with B set to its address.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../mock/server.ts';
import { run } from './child.ts';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const ADMIN_TOKEN = 'readme-admin-token';

/** The bodies of the ```sh blocks that a `<!-- run -->` line precedes. */
function runnableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^<!-- run -->\r?\n```(?:sh|bash)\r?\n([\s\S]*?)^```/gm)].map(
    (m) => m[1] as string,
  );
}

let mock: RunningMock;
let cwd: string;
beforeAll(async () => {
  // What `npm start` serves (default seed and data), on a free port.
  mock = await startMock({ adminToken: ADMIN_TOKEN });
  cwd = mkdtempSync(join(tmpdir(), 'wo-readme-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(cwd, { recursive: true, force: true });
});

it('finds the runnable blocks, which use $B and not a fixed address', () => {
  const blocks = runnableBlocks(README);
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  for (const b of blocks)
    expect(b.replace(`B=\${B:-http://127.0.0.1:4010}`, '')).not.toMatch(/127\.0\.0\.1:\d+|localhost/);
});

it('runs the runnable blocks in order without an error', async () => {
  const script = `set -euo pipefail\n${runnableBlocks(README).join('\n')}`;
  const r = await run('bash', ['-c', script], {
    cwd,
    env: { ...process.env, B: mock.url, ADMIN_TOKEN },
    timeoutMs: 60_000,
  });
  expect(r.code, `${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}`).toBe(0);
  // The last block re-seeds with 500 jobs: the script got to its end.
  const health = await fetch(`${mock.url}/__admin/summary`, { headers: { 'X-Admin-Token': ADMIN_TOKEN } });
  expect(await health.text()).toMatch(/500/);
});
