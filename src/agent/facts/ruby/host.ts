// The agent's answers to custom facts' callbacks from the embedded Ruby
// (system-shim.ts): file reads and stats, directory listings, `require` of a
// module's helpers from the lib directories, and commands, run here because the
// wasm VM cannot spawn processes. Answers are 'V' + JSON, or 'E' + a message.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The result of one command, as Facter::Core::Execution needs it. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status; undefined when the command did not run or was killed. */
  readonly status?: number;
  /** Why the command could not run at all. */
  readonly error?: string;
  readonly timedOut?: boolean;
  readonly pid?: number;
}

export interface RubyFactHostOptions {
  /** Directories `require 'x'` searches for x.rb: the parents of the facter directories ($libdir). */
  readonly libRoots: readonly string[];
  /** Runs a shell command line; default: /bin/sh -c with spawnSync. */
  readonly run?: (command: string, env: Record<string, string>, timeoutSeconds: number) => CommandResult;
}

export type RubyFactCallback = (op: string, argsJson: string) => string;

const MAX_OUTPUT = 64 * 1024 * 1024;

/** Runs a command line through /bin/sh as Ruby's spawn of a string does; a timeout of 0 means none. */
export function runShellCommand(command: string, env: Record<string, string>, timeoutSeconds: number): CommandResult {
  const r = spawnSync('/bin/sh', ['-c', command], {
    env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_OUTPUT,
    timeout: timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined, killSignal: 'SIGKILL',
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (r.error && !timedOut) return { stdout: '', stderr: '', error: r.error.message, pid: r.pid };
  return { stdout: timedOut ? '' : r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? undefined, timedOut, pid: r.pid };
}

function errnoOf(err: unknown): number {
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  return (os.constants.errno as Record<string, number>)[code] ?? os.constants.errno.EIO;
}

function can(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function stat(path: string): unknown {
  let symlink = false;
  try {
    symlink = lstatSync(path).isSymbolicLink();
    const s = statSync(path);
    return {
      type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other',
      symlink, size: s.size, mode: s.mode, uid: s.uid, gid: s.gid, mtime: s.mtimeMs / 1000,
      readable: can(path, constants.R_OK), writable: can(path, constants.W_OK), executable: can(path, constants.X_OK),
    };
  } catch {
    return null;
  }
}

function findFeature(roots: readonly string[], name: string): unknown {
  const file = name.endsWith('.rb') ? name : `${name}.rb`;
  const candidates = isAbsolute(file) ? [file] : roots.map((root) => join(root, file));
  for (const path of candidates) {
    try {
      if (!statSync(path).isFile()) continue;
      return { path, source: readFileSync(path, 'utf8') };
    } catch {
      // not in this root
    }
  }
  return null;
}

/** The callback handler to pass to RubyRuntime.evalSync while custom facts run. */
export function rubyFactCallback(o: RubyFactHostOptions): RubyFactCallback {
  const run = o.run ?? runShellCommand;
  return (op, argsJson) => {
    const args = JSON.parse(argsJson) as unknown[];
    const path = String(args[0]);
    let value: unknown;
    switch (op) {
      case 'stat':
        value = stat(path);
        break;
      case 'read':
        try {
          value = { content: readFileSync(path, 'utf8') };
        } catch (err) {
          value = { errno: errnoOf(err) };
        }
        break;
      case 'list':
        try {
          value = { names: readdirSync(path) };
        } catch (err) {
          value = { errno: errnoOf(err) };
        }
        break;
      case 'realpath':
        try {
          value = { target: realpathSync(path) };
        } catch (err) {
          value = { errno: errnoOf(err) };
        }
        break;
      case 'readlink':
        try {
          value = { target: readlinkSync(path) };
        } catch (err) {
          value = { errno: errnoOf(err) };
        }
        break;
      case 'hostname':
        value = os.hostname();
        break;
      case 'require':
        value = findFeature(o.libRoots, path);
        break;
      case 'exec': {
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries((args[1] ?? {}) as Record<string, unknown>)) env[k] = String(v);
        value = run(path, env, Number(args[2]) || 0);
        break;
      }
      default:
        return `EUnknown callback "${op}" from custom facts`;
    }
    return `V${JSON.stringify(value)}`;
  };
}
