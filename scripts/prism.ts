// `npm run mock:prism`: Prism (the peer we compare with) serving each spec's examples: jobs on 4011,
// NextGen on 4012 unless PORT_JOBS / PORT_NEXTGEN say otherwise. Ctrl-C or SIGTERM stops both;
// when one of them stops on its own, the other is stopped too.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { SPEC_FILES, type SpecName } from '../lib/spec.ts';

// Prism's own script run by this Node, not `npx prism`: npx's shell would outlive a signal.
const PRISM = createRequire(import.meta.url).resolve('@stoplight/prism-cli');
const ports: Record<SpecName, string> = {
  jobs: process.env.PORT_JOBS ?? '4011',
  nextgen: process.env.PORT_NEXTGEN ?? '4012',
};
const children = (Object.keys(SPEC_FILES) as SpecName[]).map((spec) => {
  const child = spawn(
    process.execPath,
    [PRISM, 'mock', '-h', '127.0.0.1', '-p', ports[spec], SPEC_FILES[spec]],
    {
      stdio: 'inherit',
    },
  );
  console.log(`prism: ${spec} spec on http://127.0.0.1:${ports[spec]} (pid ${child.pid})`);
  return child;
});

let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const c of children) c.kill('SIGKILL');
  }, 5000);
  void Promise.all(
    children.map((c) =>
      c.exitCode === null && c.signalCode === null
        ? new Promise((resolve) => c.once('exit', resolve))
        : undefined,
    ),
  ).then(() => {
    clearTimeout(force);
    process.exit(code);
  });
}
for (const c of children) c.on('exit', () => stopAll(stopping ? 0 : 1));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
process.on('SIGHUP', () => stopAll(0));
