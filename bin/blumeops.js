#!/usr/bin/env node
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

// V8's compile cache (Node ≥ 22.1) spares every start after the first the compilation of the bundle;
// it lives in the user's cache folder. Enabled before the bundle is imported, so it covers it.
if (typeof module.enableCompileCache === 'function') {
  try {
    module.enableCompileCache(path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'blumeops', 'compile-cache'));
  } catch {
    // A read-only home only costs the speed-up.
  }
}
const { main } = await import('../dist/main.js');
await main(process.argv);
