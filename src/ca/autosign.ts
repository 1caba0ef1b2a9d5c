// The autosign policy (puppet setting `autosign`): true, false, a whitelist
// file (autosign.conf) or a policy executable. Mirrors puppetserver's
// `autosign-csr?`: a path that does not exist means false.
import { spawn } from 'node:child_process';
import { access, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';

/** `true`, `false`, or an absolute path to a whitelist file or an executable. */
export type AutosignSetting = boolean | string;

export interface AutosignContext {
  /** Kill a policy executable that runs longer than this (default 30 s). */
  timeoutMs?: number;
  /** Receives one line per noteworthy event (rejections, stderr output, timeouts, invalid lines). */
  log?: (message: string) => void;
}

export const DEFAULT_AUTOSIGN_TIMEOUT_MS = 30_000;

/** Decides whether the CSR for `certname` is signed without an operator. */
export async function autosignAllows(setting: AutosignSetting, certname: string, csrPem: string, context: AutosignContext = {}): Promise<boolean> {
  if (typeof setting === 'boolean') return setting;
  const info = await stat(setting).catch(() => undefined);
  if (!info || !info.isFile()) return false;
  if (await isExecutable(setting)) return runPolicyExecutable(setting, certname, csrPem, context);
  return whitelistAllows(await readFile(setting, 'utf8'), certname, (line) => context.log?.(`Invalid pattern '${line}' found in ${setting}`));
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * autosign.conf semantics: blank lines and lines starting with `#` are
 * skipped; a line holding a space or `#` is invalid and never matches; `*`
 * matches everything; `*.example.com` matches any name whose trailing labels
 * are `example.com` (case-insensitive; also `example.com` itself); anything
 * else must equal the certname exactly.
 */
export function whitelistAllows(text: string, certname: string, onInvalid?: (line: string) => void): boolean {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (line.includes('#') || line.includes(' ')) {
      onInvalid?.(line);
      continue;
    }
    if (line === '*') return true;
    if (line.startsWith('*')) {
      if (globMatches(line, certname)) return true;
    } else if (line === certname) {
      return true;
    }
  }
  return false;
}

function globMatches(glob: string, certname: string): boolean {
  // puppetserver reverses the dot-separated labels of both and checks that the
  // name starts with the glob minus its leading `*`.
  const name = certname.toLowerCase().split('.').reverse();
  const pattern = glob.toLowerCase().split('.').reverse().slice(0, -1);
  return pattern.every((label, i) => name[i] === label);
}

/** Runs `<executable> <certname>` with the CSR PEM on stdin; exit 0 approves. A timeout or spawn failure rejects. */
export function runPolicyExecutable(executable: string, certname: string, csrPem: string, context: AutosignContext = {}): Promise<boolean> {
  const timeoutMs = context.timeoutMs ?? DEFAULT_AUTOSIGN_TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    const done = (approved: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A process the script left behind must not keep this one alive through the pipe.
      child.stderr.destroy();
      resolve(approved);
    };
    // Its own process group, so a timeout kills whatever the script started too.
    const child = spawn(executable, [certname], { stdio: ['pipe', 'ignore', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      context.log?.(`Autosign command '${executable} ${certname}' did not finish within ${timeoutMs} ms; killed it and rejected the request`);
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      done(false);
    }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.on('error', (err) => {
      context.log?.(`Autosign command '${executable}' could not be run: ${err.message}`);
      done(false);
    });
    // 'exit', not 'close': a background process the script left behind may
    // hold stderr open long after the decision is made.
    child.on('exit', (code, signal) => {
      // Let stderr written just before exit arrive before it is logged.
      setImmediate(() => {
        if (stderr.trim() !== '') context.log?.(`Autosign command '${executable} ${certname}' generated output to stderr: ${stderr.trim()}`);
        if (code !== 0 && !settled) {
          context.log?.(`Autosign command '${executable}' rejected certificate '${certname}' because the exit code was ${code ?? signal}, not zero`);
        }
        done(code === 0);
      });
    });
    // The script may exit without reading stdin (EPIPE): that is its right.
    child.stdin.on('error', () => undefined);
    child.stdin.end(csrPem);
  });
}
