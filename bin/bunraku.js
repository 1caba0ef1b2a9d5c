#!/usr/bin/env -S node --max-old-space-size=1536 --max-semi-space-size=4
// Entry point: runs the compiled CLI from dist/ (built by `npm install` through
// the prepare script). BUNRAKU_FROM_SOURCE=1 runs the TypeScript sources through
// tsx instead, for development without a build step.
//
// The V8 heap flags above are for the server's memory under load. A catalog
// compile allocates a lot that dies young; V8 lets the old generation grow to
// four times its live size before a full collection when its heap limit is 2 GB
// or more (every machine with 16 GB), but about 1.8 times below that limit.
// A 1.5 GB limit still leaves a large catalog (5,000 resources: about 60 MB
// live at its peak) twenty times its room. A young generation of 2 x 4 MB
// instead of 2 x 16 MB costs a large compile under a tenth more CPU time.
// Measured with the bench's workload, RSS after load: 150-228 MB without the
// flags, 134-136 MB with 8 MB semi-spaces, 117-124 MB with 4 MB ones.
// `node bin/bunraku.js` runs without them (tests do; they need not).

import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

if (process.env.BUNRAKU_FROM_SOURCE === '1' || !existsSync(compiled)) {
  if (!existsSync(source)) {
    process.stderr.write('Error: bunraku is not built; run `npm install` or `npm run build` first.\n');
    process.exit(1);
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(source.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const { main } = await import(compiled.href);
  process.exitCode = await main(process.argv.slice(2));
}
