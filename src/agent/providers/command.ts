// Running commands for providers: argv or shell strings, with cwd, env, uid
// and a timeout; output captured as one string like Puppet's execute.
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommandResult {
  readonly exitCode: number;
  readonly output: string;
}

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly uid?: number;
  readonly gid?: number;
  /** Seconds; 0 or undefined means no limit. */
  readonly timeout?: number;
  /** Run through /bin/sh -c (exec's shell provider) instead of splitting. */
  readonly shell?: boolean;
  readonly stdin?: string;
}

export type CommandRunner = (command: string | readonly string[], options?: CommandOptions) => Promise<CommandResult>;

/** Splits a command line like Ruby's Shellwords (quotes and backslashes). */
export function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unmatched single quote in command: "${line}"`);
      cur += line.slice(i + 1, end); i = end; inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new Error(`Unmatched double quote in command: "${line}"`);
      i = j; inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i]; inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = ''; inWord = false;
    } else {
      cur += c; inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/**
 * The real runner: child processes. Output goes to a temporary file rather
 * than a pipe, as Puppet's execute does, and the result comes when the child
 * exits: an init script whose daemon inherits stdout must not hold the run.
 */
export const spawnCommand: CommandRunner = async (command, options = {}) => {
  const argv = typeof command === 'string'
    ? (options.shell ? ['/bin/sh', '-c', command] : shellSplit(command))
    : [...command];
  if (argv.length === 0) throw new Error('Cannot run an empty command');
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-exec-'));
  const outPath = join(dir, 'output');
  const out = await open(outPath, 'w+');
  try {
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), {
        cwd: options.cwd, env: options.env ?? process.env, uid: options.uid, gid: options.gid,
        stdio: [options.stdin === undefined ? 'ignore' : 'pipe', out.fd, out.fd],
      });
      if (options.stdin !== undefined) child.stdin!.end(options.stdin);
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      if (options.timeout && options.timeout > 0) {
        timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeout * 1000);
      }
      child.on('error', (err) => { if (timer) clearTimeout(timer); reject(err); });
      child.on('exit', (code, signal) => { if (timer) clearTimeout(timer); resolve({ code, signal, timedOut }); });
    });
    if (exit.timedOut) throw new Error('Command exceeded timeout');
    const output = await readFile(outPath, 'utf8');
    return { exitCode: exit.code ?? (exit.signal ? 128 : 1), output };
  } finally {
    await out.close();
    await rm(dir, { recursive: true, force: true });
  }
};

/** Puppet's ExecutionFailure text: `Execution of '/usr/sbin/useradd x' returned 9: useradd: ...`. */
export function executionFailure(argv: readonly string[], result: CommandResult): string {
  return `Execution of '${argv.join(' ')}' returned ${result.exitCode}: ${result.output.trim()}`;
}
