// The worker thread that owns the embedded CRuby VM: boots it once, evaluates
// the Ruby code the main thread sends, and relays Ruby's callbacks to the main
// thread synchronously (the main thread is blocked in Atomics.wait meanwhile).
//
// Protocol (see runtime.ts): requests arrive on `requests` as { id, code },
// after signal[2] is bumped; results and callback requests leave on
// `replies`, each followed by bumping signal[0] and notifying; callback
// answers arrive on `answers` after signal[1] is bumped. Only strings cross
// the threads.
//
// While requests keep coming the thread stays inside Ruby: `Bunraku.serve`
// (see prelude.ts) evaluates a request, hands back the result and asks JS for
// the next one; after IDLE_MS without one it returns, so the thread's event
// loop (V8's tasks, finalizers) runs, and the next request enters it again.
// Every string JS gives Ruby (the code, callback answers) travels through
// Ruby's standard input, which this worker serves from memory (`inbox`),
// instead of through @ruby/wasm-wasi's calls: those leak each string they
// copy into the wasm memory (its rb_eval_string_protect and JS::Object#to_s
// never free the copy), and that memory never shrinks. With templates
// carrying the node's facts (~8 KB of code per render) the leak was ~2.5 MB
// per 300-template catalog, growing the server without bound (+90 MB in 40
// compiles); through standard input nothing is left behind. (Entering serve
// through RbValue#call still leaks the interned "call" name, ~16 bytes per
// idle period.)
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { WASI } from 'node:wasi';
import { Worker, threadId, workerData, parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { RubyVM, type RbValue } from '@ruby/wasm-wasi';
import type { StdlibWorkerData } from './stdlib-worker.js';

export interface RubyWorkerData {
  /** The Ruby binary: with its standard library packed in, or without it when `stdlib` is set. */
  readonly wasmPath: string;
  /** The standard library as a directory (extracted from packedWasmPath on first use), mounted where Ruby looks for it. */
  readonly stdlib?: { readonly dir: string; readonly packedWasmPath: string };
  readonly prelude: string;
  readonly signal: SharedArrayBuffer;
  readonly requests: MessagePort;
  readonly replies: MessagePort;
  readonly answers: MessagePort;
}

export type WorkerReply =
  | { readonly kind: 'result'; readonly id: number; readonly value: string }
  | { readonly kind: 'failure'; readonly id: number; readonly message: string }
  | { readonly kind: 'callback'; readonly op: string; readonly args: string };

const data = workerData as RubyWorkerData;
const signal = new Int32Array(data.signal);

function send(reply: WorkerReply): void {
  data.replies.postMessage(reply);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** Blocks until a message arrives on `port`, which the sender announces by bumping signal[slot]. */
function receive<T>(port: MessagePort, slot: number): T {
  for (;;) {
    const seen = Atomics.load(signal, slot);
    const msg = receiveMessageOnPort(port);
    if (msg) return msg.message as T;
    Atomics.wait(signal, slot, seen);
  }
}

/**
 * Ruby's standard input: messages queued for Ruby, each a 4-byte
 * little-endian length and the UTF-8 bytes (read by Bunraku.receive).
 */
class Inbox {
  private chunks: Buffer[] = [];

  push(text: string): void {
    const body = Buffer.from(text, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length);
    this.chunks.push(head, body);
  }

  /** WASI fd_read on standard input: copies queued bytes into the iovecs; 0 bytes (end of file) when empty. */
  read(memory: WebAssembly.Memory, iovs: number, iovsLen: number, nreadPtr: number): number {
    const view = new DataView(memory.buffer);
    let total = 0;
    for (let i = 0; i < iovsLen && this.chunks.length > 0; i++) {
      const ptr = view.getUint32(iovs + i * 8, true);
      const len = view.getUint32(iovs + i * 8 + 4, true);
      let off = 0;
      while (off < len && this.chunks.length > 0) {
        const head = this.chunks[0];
        const n = Math.min(len - off, head.length);
        new Uint8Array(memory.buffer, ptr + off, n).set(head.subarray(0, n));
        off += n;
        if (n === head.length) this.chunks.shift();
        else this.chunks[0] = head.subarray(n);
      }
      total += off;
    }
    view.setUint32(nreadPtr, total, true);
    return 0; // WASI errno success
  }
}

const inbox = new Inbox();
/** How long Bunraku.serve waits for another request before giving the thread back to its event loop. */
const IDLE_MS = 200;
let currentId = 0;

const hooks = globalThis as Record<string, unknown>;
/** Ruby asks JS something (Bunraku.callback); the answer waits in the inbox. */
hooks.bunrakuRubyCall = (op: string, args: string): void => {
  send({ kind: 'callback', op, args });
  inbox.push(receive<string>(data.answers, 1));
};
/** Where Ruby loads its library from (its $LOAD_PATH): mounted from the standard library's directory. */
const STDLIB_ROOTS = ['/usr/local/lib/ruby', '/bundle'];
/** The file of the library's directory that lists the files extracted into it. */
const MANIFEST = 'MANIFEST';

/**
 * The standard library's directory, extracted first if missing (by a thread
 * of its own, see stdlib-worker.ts); undefined when that failed, and the
 * runtime falls back to the module with the library packed in.
 *
 * Why: ruby+stdlib.wasm carries the library (20 MB) in its data, which V8
 * keeps with the module's bytes and which instantiation copies into the wasm
 * memory, both for the life of the VM; ruby.wasm with the library mounted
 * from a directory boots with 20 MB less of each: in bench/ruby-compile.ts
 * the server with Ruby went from ~280 MB to ~255 MB.
 */
async function ensureStdlib(stdlib: { dir: string; packedWasmPath: string }): Promise<string | undefined> {
  if (isComplete(stdlib.dir)) return stdlib.dir;
  // Missing files (a cleaner of temporary directories removing those not
  // read for days): extract anew, the broken copy first moved aside (unless
  // another runtime just did).
  const aside = `${stdlib.dir}.broken-${process.pid}-${threadId}`;
  try {
    renameSync(stdlib.dir, aside);
  } catch {
    // not there
  }
  rmSync(aside, { recursive: true, force: true });
  const extractData: StdlibWorkerData = { packedWasmPath: stdlib.packedWasmPath, dir: stdlib.dir, roots: STDLIB_ROOTS, manifest: MANIFEST };
  const entry = new URL(import.meta.url.endsWith('.ts') ? './stdlib-worker.ts' : './stdlib-worker.js', import.meta.url);
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: extractData })
    : new Worker(entry, { workerData: extractData });
  const code = await new Promise<number>((resolve) => {
    worker.on('error', () => undefined);
    worker.on('exit', resolve);
  });
  return code === 0 && isComplete(stdlib.dir) ? stdlib.dir : undefined;
}

/** Whether every file the library's MANIFEST lists is there (a few ms for its ~2,300 files). */
function isComplete(dir: string): boolean {
  try {
    const files = readFileSync(join(dir, MANIFEST), 'utf8').split('\n').filter((f) => f !== '');
    return files.length > 0 && files.every((f) => existsSync(join(dir, f)));
  } catch {
    return false;
  }
}

/** Puts a request's code in the inbox for Bunraku.serve. */
function take(req: { id: number; code: string }): void {
  currentId = req.id;
  inbox.push(req.code);
}
/**
 * Bunraku.serve asks here for the next request: 1 when one came within
 * IDLE_MS, else 0 and serve returns, giving the thread back to its event loop.
 */
hooks.bunrakuNextRequest = (): number => {
  const seen = Atomics.load(signal, 2);
  let msg = receiveMessageOnPort(data.requests);
  if (!msg) {
    Atomics.wait(signal, 2, seen, IDLE_MS);
    msg = receiveMessageOnPort(data.requests);
  }
  if (!msg) return 0;
  take(msg.message as { id: number; code: string });
  return 1;
};
hooks.bunrakuReply = (kind: 'result' | 'failure', text: string): void => {
  send(kind === 'result' ? { kind, id: currentId, value: text } : { kind, id: currentId, message: text });
};

let memory: WebAssembly.Memory | undefined;
/** The size of the wasm linear memory (Ruby's heap and all it mallocs; it never shrinks), for RubyRuntime#wasmMemoryBytes. */
hooks.bunrakuMemoryBytes = (): number => memory?.buffer.byteLength ?? 0;

async function boot(): Promise<{ serve: RbValue; ms: number }> {
  const started = performance.now();
  // Baseline code only (Liftoff, no TurboFan tier-up). TurboFan compiling
  // CRuby's huge interpreter functions on background threads left its
  // memory in malloc arenas: in bench/ruby-compile.ts the server's RSS with
  // Ruby went from ~350 MB to ~285 MB and its peak from ~395 MB to ~287 MB,
  // warm compiles unchanged (they are bound by the calls, not by Ruby's
  // speed); CPU-bound Ruby runs ~1.4x slower once TurboFan would have been
  // done, but its first seconds are faster. V8 flags are per process: this
  // concerns only wasm, and Ruby is the only wasm here. Must be set before
  // the module is compiled.
  setFlagsFromString('--liftoff-only');
  // Node 20's fast API calls into node:wasi crash (SIGSEGV) under file I/O
  // through preopens, which the standard library's directory is
  // (nodejs/node#53087; here one boot in two crashed). Also per process.
  setFlagsFromString('--no-turbo-fast-api-calls');
  const stdlibDir = data.stdlib ? await ensureStdlib(data.stdlib).catch(() => undefined) : undefined;
  const wasmPath = data.stdlib && !stdlibDir ? data.stdlib.packedWasmPath : data.wasmPath;
  const module = await WebAssembly.compile(readFileSync(wasmPath));
  const preopens = stdlibDir ? Object.fromEntries(STDLIB_ROOTS.map((root) => [root, join(stdlibDir, root)])) : undefined;
  const wasi = new WASI({ version: 'preview1', returnOnExit: true, env: {}, args: [], preopens });
  const wasiImport = wasi.wasiImport as Record<string, (...args: number[]) => number>;
  const fdRead = wasiImport.fd_read;
  // --disable-gems: RubyGems costs seconds at boot and templates need none.
  const { vm } = await RubyVM.instantiateModule({
    module,
    wasip1: {
      wasiImport: {
        ...wasiImport,
        fd_read: (fd: number, iovs: number, iovsLen: number, nread: number) =>
          fd === 0 && memory ? inbox.read(memory, iovs, iovsLen, nread) : fdRead(fd, iovs, iovsLen, nread),
      },
      initialize: (instance) => wasi.initialize(instance),
    },
    setMemory: (m) => {
      memory = m;
    },
    args: ['ruby.wasm', '-EUTF-8', '--disable-gems', '-e_=0'],
  });
  vm.eval(data.prelude);
  return { serve: vm.eval('Bunraku.method(:serve)'), ms: performance.now() - started };
}

const booting = boot();
booting.then(
  ({ ms }) => parentPort?.postMessage({ kind: 'ready', ms }),
  () => undefined,
);
data.requests.on('message', (req: { id: number; code: string }) => {
  booting.then(
    ({ serve }) => {
      take(req);
      try {
        serve.call('call');
      } catch (e) {
        send({ kind: 'failure', id: currentId, message: `The embedded Ruby stopped: ${(e as Error).message}` });
      }
    },
    (e: unknown) => send({ kind: 'failure', id: req.id, message: `Cannot start the embedded Ruby: ${(e as Error).message}` }),
  );
});
