#!/usr/bin/env node
// The package binary: the compiled CLI (npm run build; npm pack runs it). In a clone, `npm start` runs the sources.
try {
  await import('../dist/mock/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/mock/cli.js')) throw e;
  console.error('wo-mock: not built yet: run npm run build (in a clone, npm start runs the sources)');
  process.exit(2);
}
