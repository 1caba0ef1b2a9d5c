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
// Once booted, the thread stays inside Ruby for good: `Bunraku.serve` (see
// prelude.ts) loops asking JS for the next request, evaluates it and hands
// back the result. Every string JS gives Ruby (the code, callback answers)
// travels through Ruby's standard input, which this worker serves from memory
// (`inbox`), instead of through @ruby/wasm-wasi's calls: those leak each
// string they copy into the wasm memory (its rb_eval_string_protect and
// JS::Object#to_s never free the copy), and that memory never shrinks. With
// templates carrying the node's facts (~8 KB of code per render) the leak was
// ~2.5 MB per 300-template catalog, growing the server without bound (+90 MB
// in 40 compiles); through standard input nothing is left behind.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { workerData, parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { RubyVM } from '@ruby/wasm-wasi';

export interface RubyWorkerData {
  readonly wasmPath: string;
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
let currentId = 0;

const hooks = globalThis as Record<string, unknown>;
/** Ruby asks JS something (Bunraku.callback); the answer waits in the inbox. */
hooks.bunrakuRubyCall = (op: string, args: string): void => {
  send({ kind: 'callback', op, args });
  inbox.push(receive<string>(data.answers, 1));
};
/** The same, answering with the string itself (for shims that read the answer with JS::Object#to_s, e.g. the agent's facts). */
hooks.bunrakuRubyCallback = (op: string, args: string): string => {
  send({ kind: 'callback', op, args });
  return receive<string>(data.answers, 1);
};
/** Bunraku.serve waits here for the next request; its code waits in the inbox. */
hooks.bunrakuNextRequest = (): void => {
  const req = receive<{ id: number; code: string }>(data.requests, 2);
  currentId = req.id;
  inbox.push(req.code);
};
hooks.bunrakuReply = (kind: 'result' | 'failure', text: string): void => {
  send(kind === 'result' ? { kind, id: currentId, value: text } : { kind, id: currentId, message: text });
};

let memory: WebAssembly.Memory | undefined;
/** The size of the wasm linear memory (Ruby's heap and all it mallocs; it never shrinks), for RubyRuntime#wasmMemoryBytes. */
hooks.bunrakuMemoryBytes = (): number => memory?.buffer.byteLength ?? 0;

async function boot(): Promise<{ vm: RubyVM; ms: number }> {
  const started = performance.now();
  const module = await WebAssembly.compile(readFileSync(data.wasmPath));
  const wasi = new WASI({ version: 'preview1', returnOnExit: true, env: {}, args: [] });
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
  return { vm, ms: performance.now() - started };
}

/** Answers every request from now on with `message` (the VM cannot run). */
function failAll(message: string): never {
  for (;;) {
    const req = receive<{ id: number; code: string }>(data.requests, 2);
    send({ kind: 'failure', id: req.id, message });
  }
}

boot().then(
  ({ vm, ms }) => {
    parentPort?.postMessage({ kind: 'ready', ms });
    try {
      vm.eval('Bunraku.serve'); // returns only if the loop itself breaks
    } catch (e) {
      failAll(`The embedded Ruby stopped: ${(e as Error).message}`);
    }
    failAll('The embedded Ruby stopped');
  },
  (e: unknown) => failAll(`Cannot start the embedded Ruby: ${(e as Error).message}`),
);
