// The embedded CRuby (WebAssembly) runtime as the compiler sees it: started
// lazily in a worker thread, kept warm, and called synchronously.
//
// Why a worker plus Atomics.wait rather than the VM in the calling thread: the
// compiler is synchronous, so either way the calling thread waits while Ruby
// renders (about a millisecond per template when warm). But booting the VM
// takes seconds (compiling a 36 MB wasm module, booting CRuby, loading ERB);
// in a worker that happens beside the server's event loop, started early by
// `start()`, instead of freezing it. The worker also isolates Ruby's memory and
// lets a runaway template be stopped (`timeoutMs`) by terminating the thread.
//
// Calls: the caller posts { id, code }, bumps signal[2] (the worker waits for
// requests there) and blocks in Atomics.wait on signal[0];
// the worker answers with a result, or first with callback requests (Ruby
// asking for a variable or calling a Puppet function), which the caller answers
// on a second port while the worker blocks on signal[1].
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { RUBY_PRELUDE } from './prelude.js';
import type { RubyWorkerData, WorkerReply } from './worker.js';

export interface RubyRuntimeOptions {
  /** Longest wait for one call, boot included, in milliseconds (default 120000). */
  readonly timeoutMs?: number;
  /**
   * A Ruby wasm binary with its standard library packed in, used as it is.
   * Default: @ruby/3.3-wasm-wasi's ruby.wasm with the library from `stdlibDir`.
   */
  readonly wasmPath?: string;
  /**
   * Where the standard library is extracted (from ruby+stdlib.wasm, on first
   * use) for the default binary. Default: a directory of this user's under
   * the system's temporary directory; when that cannot be made private, the
   * runtime boots ruby+stdlib.wasm instead (20 MB more memory).
   */
  readonly stdlibDir?: string;
}

/** Answers one callback from Ruby: 'V' + a Ruby literal, or 'E' + an error message. */
export type RubyCallbackHandler = (op: string, argsJson: string) => string;

export class RubyRuntimeError extends Error {}

interface Connection {
  readonly worker: Worker;
  readonly signal: Int32Array;
  readonly replies: MessagePort;
  readonly requests: MessagePort;
  readonly answers: MessagePort;
  readonly ready: Promise<number>;
}

export class RubyRuntime {
  private conn: Connection | undefined;
  private nextId = 1;
  private generations = 0;
  /** How many callback handlers are running (evalSync calls made inside them are nested). */
  private callbackDepth = 0;
  private readonly timeoutMs: number;
  private readonly wasmPath: string;
  private readonly stdlib: RubyWorkerData['stdlib'];

  constructor(options: RubyRuntimeOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
    const packed = packageFile('ruby+stdlib.wasm');
    const stdlibDir = options.wasmPath === undefined ? (options.stdlibDir ?? defaultStdlibDir(packed)) : undefined;
    this.wasmPath = options.wasmPath ?? (stdlibDir === undefined ? packed : packageFile('ruby.wasm'));
    this.stdlib = stdlibDir === undefined ? undefined : { dir: stdlibDir, packedWasmPath: packed };
  }

  /** Starts the VM in the background (if not yet started); resolves with the boot time in ms when it is ready. */
  start(): Promise<number> {
    return this.connect().ready;
  }

  /**
   * Counts the VMs started so far: it changes when a VM replaces a stopped one
   * (after close() or a timeout), which has lost whatever was loaded into the old.
   */
  get generation(): number {
    return this.generations;
  }

  /** Whether a worker has been started (booted or booting). */
  get started(): boolean {
    return this.conn !== undefined;
  }

  /**
   * Evaluates Ruby code and returns its value's to_s. Blocks the calling thread
   * until the worker answers; `onCallback` answers Ruby's callbacks meanwhile.
   *
   * Called from inside a callback (Ruby -> JS -> Ruby: a Ruby function calling a
   * function that is itself Ruby), the code is not evaluated in a nested VM call:
   * CRuby in WebAssembly cannot unwind (raise through C frames, break out of an
   * iterator) across the JS frames such nesting leaves on its stack. Instead the
   * code goes back as the callback's answer ('R' + code); the waiting Ruby
   * callback evaluates it at its own level and reports the result as a
   * '__result' (or '__failure') callback, whose answer is whatever the outer
   * handler answers next.
   */
  evalSync(code: string, onCallback?: RubyCallbackHandler): string {
    const conn = this.connect();
    const id = this.nextId++;
    const deadline = Date.now() + this.timeoutMs;
    const nested = this.callbackDepth > 0;
    if (nested) this.answer(conn, `R${code}`);
    else {
      conn.requests.postMessage({ id, code });
      Atomics.add(conn.signal, 2, 1);
      Atomics.notify(conn.signal, 2);
    }
    for (;;) {
      const seen = Atomics.load(conn.signal, 0);
      const msg = receiveMessageOnPort(conn.replies);
      if (!msg) {
        const left = deadline - Date.now();
        if (left <= 0 || Atomics.wait(conn.signal, 0, seen, left) === 'timed-out') {
          this.close();
          throw new RubyRuntimeError(`The embedded Ruby did not answer within ${this.timeoutMs} ms; it was stopped`);
        }
        continue;
      }
      const reply = msg.message as WorkerReply;
      if (reply.kind === 'callback') {
        if (nested && reply.op === '__result') return reply.args;
        if (nested && reply.op === '__failure') throw new RubyRuntimeError(reply.args);
        let answer: string;
        this.callbackDepth++;
        try {
          answer = onCallback ? onCallback(reply.op, reply.args) : `EUnexpected callback "${reply.op}" from Ruby`;
        } catch (e) {
          answer = `E${(e as Error).message}`;
        } finally {
          this.callbackDepth--;
        }
        if (this.conn !== conn) throw new RubyRuntimeError('The embedded Ruby was stopped during a call');
        this.answer(conn, answer);
        continue;
      }
      if (reply.id !== id) continue; // an answer to a call that timed out earlier
      if (reply.kind === 'failure') throw new RubyRuntimeError(reply.message);
      return reply.value;
    }
  }

  /** The size of the VM's wasm linear memory in bytes: Ruby's heap and all it mallocs (it never shrinks). */
  wasmMemoryBytes(): number {
    return Number(this.evalSync('JS.global.call(:bunrakuMemoryBytes).to_i'));
  }

  private answer(conn: Connection, text: string): void {
    conn.answers.postMessage(text);
    Atomics.add(conn.signal, 1, 1);
    Atomics.notify(conn.signal, 1);
  }

  /** Stops the worker; a later call starts a fresh one. */
  close(): void {
    const conn = this.conn;
    this.conn = undefined;
    if (!conn) return;
    conn.requests.close();
    conn.replies.close();
    conn.answers.close();
    void conn.worker.terminate();
  }

  /** The worker's resident memory is the process's: report it from process.memoryUsage(). */
  private connect(): Connection {
    if (this.conn) return this.conn;
    this.generations++;
    this.callbackDepth = 0;
    const signal = new SharedArrayBuffer(12);
    const req = new MessageChannel();
    const rep = new MessageChannel();
    const ans = new MessageChannel();
    const data: RubyWorkerData = {
      wasmPath: this.wasmPath,
      stdlib: this.stdlib,
      prelude: RUBY_PRELUDE,
      signal,
      requests: req.port2,
      replies: rep.port2,
      answers: ans.port2,
    };
    const worker = spawnWorker(data);
    const ready = new Promise<number>((resolve, reject) => {
      worker.on('message', (m: { kind: string; ms: number }) => {
        if (m.kind === 'ready') resolve(m.ms);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new RubyRuntimeError(`The embedded Ruby worker exited (code ${code})`)));
    });
    // A booted runtime left open must not keep the process (or node --test)
    // alive, so the worker is unref'd once ready; while it boots it stays
    // ref'd, or `await start()` alone would let the event loop end first.
    // (Unref after the listeners above: adding a 'message' listener refs the
    // worker's port again.)
    ready.then(
      () => worker.unref(),
      () => worker.unref(),
    );
    this.conn = { worker, signal: new Int32Array(signal), requests: req.port1, replies: rep.port1, answers: ans.port1, ready };
    return this.conn;
  }
}

/**
 * The process's node options for a worker, less those a worker refuses: given
 * explicitly, per-process V8 flags such as bin/bunraku.js's heap sizes fail
 * the Worker constructor (ERR_WORKER_INVALID_EXEC_ARGV) where inheriting them
 * would not. Node names the refused flags; they are dropped and the worker made again.
 */
function newWorker(make: (execArgv: string[]) => Worker, execArgv: string[]): Worker {
  try {
    return make(execArgv);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    const refused = new Set((err as Error).message.replace(/^[^:]*:\s*/, '').split(/,\s*/));
    return make(execArgv.filter((a) => !refused.has(a)));
  }
}

function spawnWorker(data: RubyWorkerData): Worker {
  return newWorker((execArgv) => spawnWorkerWith(data, execArgv), [...process.execArgv, '--disable-warning=ExperimentalWarning']);
}

function spawnWorkerWith(data: RubyWorkerData, execArgv: string[]): Worker {
  const options = {
    workerData: data,
    transferList: [data.requests, data.replies, data.answers],
    // node:wasi prints an ExperimentalWarning on every start.
    execArgv,
  };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), options);
  // Running from the TypeScript sources (tests, tsx): the worker registers tsx's
  // loader before loading its entry, as a .ts entry alone is not understood;
  // tsx's CommonJS hook, as its ESM one (module.register) costs the thread
  // ~6 MB more (a loader thread of its own).
  const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { ...options, eval: true });
}

function packageFile(name: string): string {
  return createRequire(import.meta.url).resolve(`@ruby/3.3-wasm-wasi/dist/${name}`);
}

/**
 * <tmpdir>/bunraku-<uid>/ruby-stdlib-<size>-<mtime of ruby+stdlib.wasm>: the
 * per-user parent is made private (0700) and checked to be this user's, as
 * another user could have created it first to plant Ruby code. Undefined when
 * it is not safe.
 */
function defaultStdlibDir(packed: string): string | undefined {
  try {
    const uid = process.getuid?.();
    const parent = join(tmpdir(), `bunraku-${uid ?? userInfo().username}`);
    try {
      mkdirSync(parent, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const st = lstatSync(parent);
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o077) !== 0) return undefined;
    return stdlibDirIn(parent, packed);
  } catch {
    return undefined;
  }
}

/**
 * A directory for the standard library under `parent` (e.g. the server's
 * vardir), named after the packed module it comes from so that an upgraded
 * @ruby package gets a fresh copy.
 */
export function stdlibDirIn(parent: string, packed = packageFile('ruby+stdlib.wasm')): string {
  const wasm = statSync(packed);
  return join(parent, `ruby-stdlib-${wasm.size}-${Math.trunc(wasm.mtimeMs)}`);
}
