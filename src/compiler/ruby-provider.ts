// The embedded Ruby as a server holds it: one runtime per process, booted in
// the background the first time a compile needs it, so no request waits on
// the event loop for the boot. Compiles are synchronous and repeatable: a
// compile that needs Ruby before it is ready stops with RubyNotReady, and
// `compileWithRuby` runs it again once the boot has finished.
import { RubyRuntime, type RubyRuntimeOptions } from '../ruby/runtime.js';

/** Thrown through a compile that needed Ruby while it was still booting. */
export class RubyNotReady extends Error {
  constructor() {
    super('The embedded Ruby is starting');
  }
}

export class BackgroundRuby {
  private runtime: RubyRuntime | undefined;
  private booted: Promise<void> | undefined;
  private ready = false;

  constructor(private readonly options: RubyRuntimeOptions = {}) {}

  /** The CompileRequest `ruby` provider: the runtime once booted; until then starts it and throws RubyNotReady. */
  readonly provider = (): RubyRuntime => {
    if (this.ready && this.runtime) return this.runtime;
    void this.whenReady().catch(() => undefined);
    throw new RubyNotReady();
  };

  /** Starts the runtime if needed; resolves when it can answer. Rejects (and forgets the runtime) when it fails to boot. */
  whenReady(): Promise<void> {
    if (!this.booted) {
      const runtime = (this.runtime = new RubyRuntime(this.options));
      this.booted = runtime.start().then(
        () => {
          this.ready = true;
        },
        (err: unknown) => {
          runtime.close();
          this.runtime = undefined;
          this.booted = undefined;
          throw err;
        },
      );
    }
    return this.booted;
  }

  get started(): boolean {
    return this.runtime !== undefined;
  }

  close(): void {
    this.runtime?.close();
    this.runtime = undefined;
    this.booted = undefined;
    this.ready = false;
  }
}

/** Runs a synchronous compile; when it stopped for Ruby's boot, waits for the boot and runs it again. */
export async function compileWithRuby<T>(ruby: BackgroundRuby, compile: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return compile();
    } catch (err) {
      if (!(err instanceof RubyNotReady) || attempt > 0) throw err;
      await ruby.whenReady();
    }
  }
}
