// The worker thread that owns the embedded CRuby VM: boots it once, evaluates
// the Ruby code the main thread sends, and relays Ruby's callbacks to the main
// thread synchronously (the main thread is blocked in Atomics.wait meanwhile).
//
// Protocol (see runtime.ts): requests arrive on `requests` as { id, code };
// results and callback requests leave on `replies`, each followed by bumping
// signal[0] and notifying; callback answers arrive on `answers` after signal[1]
// is bumped. Only strings cross the threads.
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

function waitForAnswer(): string {
  for (;;) {
    const seen = Atomics.load(signal, 1);
    const msg = receiveMessageOnPort(data.answers);
    if (msg) return msg.message as string;
    Atomics.wait(signal, 1, seen);
  }
}

(globalThis as Record<string, unknown>).bunrakuRubyCallback = (op: string, args: string): string => {
  send({ kind: 'callback', op, args });
  return waitForAnswer();
};

async function boot(): Promise<RubyVM> {
  const started = performance.now();
  const module = await WebAssembly.compile(readFileSync(data.wasmPath));
  const wasi = new WASI({ version: 'preview1', returnOnExit: true, env: {}, args: [] });
  // --disable-gems: RubyGems costs seconds at boot and templates need none.
  const { vm } = await RubyVM.instantiateModule({
    module,
    wasip1: wasi,
    args: ['ruby.wasm', '-EUTF-8', '--disable-gems', '-e_=0'],
  });
  vm.eval(data.prelude);
  parentPort?.postMessage({ kind: 'ready', ms: performance.now() - started });
  return vm;
}

const booting = boot();
booting.catch(() => undefined);

data.requests.on('message', (req: { id: number; code: string }) => {
  booting.then(
    (vm) => {
      let reply: WorkerReply;
      try {
        reply = { kind: 'result', id: req.id, value: vm.eval(req.code).toString() };
      } catch (e) {
        reply = { kind: 'failure', id: req.id, message: (e as Error).message };
      }
      send(reply);
    },
    (e: unknown) => send({ kind: 'failure', id: req.id, message: `Cannot start the embedded Ruby: ${(e as Error).message}` }),
  );
});
