// `npm run mock:prism` as a user runs it: both Prism servers listen on PORT_JOBS / PORT_NEXTGEN, and
// a signal to npm (what a terminal's Ctrl-C or a process manager sends) stops both.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { alive, freePort, start } from './child.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  it(`stops both Prism servers on ${signal}`, async () => {
    const [jobs, nextgen] = [await freePort(), await freePort()];
    const npm = start('npm', ['run', 'mock:prism'], {
      cwd: ROOT,
      env: { ...process.env, PORT_JOBS: String(jobs), PORT_NEXTGEN: String(nextgen) },
    });
    try {
      const pids = [
        Number((await npm.waitFor(/jobs spec on \S+ \(pid (\d+)\)/, 30_000))[1]),
        Number((await npm.waitFor(/nextgen spec on \S+ \(pid (\d+)\)/, 30_000))[1]),
      ];
      await npm.waitFor(
        /listening on http:\/\/127\.0\.0\.1:\d+[\s\S]*listening on http:\/\/127\.0\.0\.1:\d+/,
        60_000,
      );
      for (const port of [jobs, nextgen]) {
        const res = await fetch(`http://127.0.0.1:${port}/nothing-here`);
        expect(res.status).toBe(404);
      }
      // npm itself only, as a process manager would: npm must pass it on and the script stop both.
      process.kill(npm.child.pid as number, signal);
      await npm.exited;
      for (let waited = 0; waited < 5000 && pids.some(alive); waited += 100)
        await new Promise((r) => setTimeout(r, 100));
      expect(pids.filter(alive)).toEqual([]);
      for (const port of [jobs, nextgen]) await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    } finally {
      await npm.stop('SIGKILL');
    }
  }, 90_000);
}
