#!/usr/bin/env node
// The package binary: the compiled CLI (npm run build; npm pack runs it). In a clone, `npm run contract` runs the sources.
try {
  await import('../dist/contract-tests/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/contract-tests/cli.js'))
    throw e;
  console.error(
    'wo-contract: not built yet: run npm run build (in a clone, npm run contract runs the sources)',
  );
  process.exit(2);
}
