// Starts Prism (the peer we compare with) on each spec: jobs on 4011, NextGen on 4012 unless PORT_JOBS/PORT_NEXTGEN say otherwise.
import { spawn } from 'node:child_process';
import { SPEC_FILES, type SpecName } from '../lib/spec.ts';

const ports: Record<SpecName, string> = {
  jobs: process.env.PORT_JOBS ?? '4011',
  nextgen: process.env.PORT_NEXTGEN ?? '4012',
};
const children = (Object.keys(SPEC_FILES) as SpecName[]).map((spec) => {
  const child = spawn('npx', ['prism', 'mock', '-h', '127.0.0.1', '-p', ports[spec], SPEC_FILES[spec]], {
    stdio: 'inherit',
  });
  console.log(`prism: ${spec} spec on http://127.0.0.1:${ports[spec]}`);
  return child;
});
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
