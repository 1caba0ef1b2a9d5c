// A short-lived worker thread that copies Ruby's standard library out of
// @ruby/3.3-wasm-wasi's ruby+stdlib.wasm (where it is packed into the
// module's data) into a directory, so that the runtime can boot the plain
// ruby.wasm with that directory mounted (see worker.ts for why). It runs in
// its own thread so that all its memory goes when it exits.
//
// The files are written to `<dir>.tmp-<pid>-<thread>`, with a manifest (the
// list of them) last, and renamed to `dir` at the end: `dir` exists only
// complete. A concurrent extraction that wins the rename leaves this one's
// copy to be removed.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WASI } from 'node:wasi';
import { threadId, workerData } from 'node:worker_threads';
import { RubyVM } from '@ruby/wasm-wasi';

export interface StdlibWorkerData {
  /** ruby+stdlib.wasm */
  readonly packedWasmPath: string;
  /** Where the library goes: <dir>/usr/local/lib/ruby/... as Ruby sees /usr/local/lib/ruby/..., and so on. */
  readonly dir: string;
  /** The directories of the packed file system to copy. */
  readonly roots: readonly string[];
  /** The file of `dir` that lists every file extracted (paths relative to `dir`, one a line), written last. */
  readonly manifest: string;
}

async function extract({ packedWasmPath, dir, roots, manifest }: StdlibWorkerData): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}-${threadId}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  try {
    // Ruby hands each file over as base64 (strings from Ruby to JS are decoded as UTF-8).
    const written: string[] = [];
    (globalThis as Record<string, unknown>).bunrakuStdlibFile = (path: string, base64: string): void => {
      const target = join(tmp, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, Buffer.from(base64, 'base64'));
      written.push(path);
    };
    const module = await WebAssembly.compile(readFileSync(packedWasmPath));
    const wasi = new WASI({ version: 'preview1', returnOnExit: true, env: {}, args: [] });
    const { vm } = await RubyVM.instantiateModule({
      module,
      wasip1: { wasiImport: wasi.wasiImport, initialize: (instance) => wasi.initialize(instance) },
      args: ['ruby.wasm', '--disable-gems', '-e_=0'],
    });
    // Written from JS: node:wasi crashed (SIGSEGV) after some hundred files written by Ruby.
    vm.eval(`require 'js'
      ${JSON.stringify(roots)}.each do |root|
        Dir.glob(root + '/**/*').each do |f|
          JS.global.call(:bunrakuStdlibFile, f, [File.binread(f)].pack('m0')) if File.file?(f)
        end
      end`);
    writeFileSync(join(tmp, manifest), `${written.join('\n')}\n`);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await extract(workerData as StdlibWorkerData);
