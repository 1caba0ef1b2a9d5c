// Cold and warm cost of ERB templates in the embedded CRuby, and the memory it
// takes: `node --import tsx bench/ruby-erb.ts [--rounds N]`. Prints one JSON
// object. Measures the worker design bunraku uses (synchronous calls through
// Atomics.wait) next to a VM in the calling thread, the alternative.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WASI } from 'node:wasi';
import { RubyVM } from '@ruby/wasm-wasi';
import { RubyRuntime } from '../src/ruby/runtime.js';
import { renderErb } from '../src/ruby/erb.js';
import { RUBY_PRELUDE } from '../src/ruby/prelude.js';
import { erbtScope } from '../test/fixtures/erb/scope.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;
const templatesDir = new URL('../test/fixtures/erb/env/production/modules/erbt/templates/', import.meta.url);
const names = readdirSync(templatesDir).filter((f) => f.endsWith('.erb') && !f.startsWith('err_')).map((f) => f.slice(0, -4));
const templates = names.map((n) => ({ name: `erbt/${n}.erb`, path: `/env/modules/erbt/templates/${n}.erb`, source: readFileSync(new URL(`${n}.erb`, templatesDir), 'utf8') }));
const mb = (n: number) => Math.round(n / 1e5) / 10;

// 1. The worker, started by the first template (a cold compile).
const rssBefore = process.memoryUsage().rss;
const runtime = new RubyRuntime();
const scope = erbtScope();
let t = performance.now();
renderErb(runtime, templates[0], scope);
const coldFirstTemplateMs = performance.now() - t;
t = performance.now();
for (const tpl of templates) renderErb(runtime, tpl, scope);
const firstPassMs = performance.now() - t; // each template compiled once
const perTemplate: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const tpl of templates) {
    t = performance.now();
    renderErb(runtime, tpl, scope);
    perTemplate.push(performance.now() - t);
  }
}
perTemplate.sort((a, b) => a - b);
const rssWithRuby = process.memoryUsage().rss;
runtime.close();

// 2. The same VM in this thread: boot blocks the thread; calls skip the thread hop.
const wasmPath = createRequire(import.meta.url).resolve('@ruby/3.3-wasm-wasi/dist/ruby+stdlib.wasm');
t = performance.now();
const module = await WebAssembly.compile(readFileSync(wasmPath));
const compileMs = performance.now() - t;
t = performance.now();
const { vm } = await RubyVM.instantiateModule({
  module,
  wasip1: new WASI({ version: 'preview1', returnOnExit: true, env: {} }),
  args: ['ruby.wasm', '-EUTF-8', '--disable-gems', '-e_=0'],
});
vm.eval(RUBY_PRELUDE);
const inThreadBootMs = performance.now() - t;
const code = 'Bunraku.render("<%= @a %> <%= @b.join(%q(,)) %>\\n", "/x.erb", {"a"=>1, "b"=>["x","y"]})';
vm.eval(code);
t = performance.now();
for (let i = 0; i < 200; i++) vm.eval(code);
const inThreadWarmMs = (performance.now() - t) / 200;

const r2 = new RubyRuntime();
r2.evalSync(code);
t = performance.now();
for (let i = 0; i < 200; i++) r2.evalSync(code);
const workerWarmMs = (performance.now() - t) / 200;
r2.close();

const pct = (p: number) => Math.round(perTemplate[Math.min(perTemplate.length - 1, Math.floor(perTemplate.length * p))] * 100) / 100;
process.stdout.write(`${JSON.stringify({
  templates: templates.length,
  rounds,
  worker: {
    coldFirstTemplateMs: Math.round(coldFirstTemplateMs),
    firstPassAllTemplatesMs: Math.round(firstPassMs),
    warmTemplateMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99) },
    warmTrivialCallMs: Math.round(workerWarmMs * 1000) / 1000,
  },
  inThread: {
    wasmCompileMs: Math.round(compileMs),
    bootBlockingMs: Math.round(inThreadBootMs),
    warmTrivialCallMs: Math.round(inThreadWarmMs * 1000) / 1000,
  },
  rssMB: { before: mb(rssBefore), withRubyStarted: mb(rssWithRuby), afterInThreadVm: mb(process.memoryUsage().rss) },
  loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
}, null, 2)}\n`);
process.exit(0);
