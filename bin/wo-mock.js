#!/usr/bin/env node
// The package binary: runs the TypeScript CLI through tsx (a dependency), no build step.
import { register } from 'tsx/esm/api';

register();
await import('../mock/cli.ts');
