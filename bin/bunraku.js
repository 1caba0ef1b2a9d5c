#!/usr/bin/env node
// Entry point: runs the compiled CLI from dist/ (built by `npm install` through
// the prepare script). BUNRAKU_FROM_SOURCE=1 runs the TypeScript sources through
// tsx instead, for development without a build step.
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
