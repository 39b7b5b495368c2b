// Saves a state file over and over, each time with a different number of sessions, until killed:
// crash.test.ts kills it with SIGKILL at random moments and then loads what is left.
// Usage: node --import tsx mock/reliability/save-loop.ts <path>
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { saveStateFile } from '../state/state-file.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: save-loop.ts <state file>');
const data = generateDataSet({ seed: 5, jobs: 20 });
for (let i = 0; ; i++) {
  const sessions = Object.fromEntries(Array.from({ length: 1 + (i % 4) }, (_, n) => [`s${n}`, data]));
  saveStateFile(path, data.seed, sessions);
  if (i === 0) console.log('ready');
}
