// Node classification: the `plain` terminus (the node is its request plus its
// cached facts) and the `exec` terminus (an external node classifier printing
// YAML with classes, parameters and environment), as Puppet 7 does it.
import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface NodeClassification {
  /** Classes to declare: names (include) or name -> parameters (resource-like when non-empty). */
  readonly classes: readonly string[] | Readonly<Record<string, Record<string, unknown> | null>>;
  /** Top-scope variables from the classifier. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** An environment the classifier assigned; it wins over the agent's request. */
  readonly environment?: string;
}

export class ClassificationError extends Error {
  override name = 'ClassificationError';
}

export interface Classifier {
  classify(certname: string): Promise<NodeClassification | undefined>;
}

/** The plain terminus: nothing beyond the request and the facts. */
export const plainClassifier: Classifier = {
  async classify() {
    return { classes: [], parameters: {} };
  },
};

export interface ExecClassifierOptions {
  /** The `external_nodes` setting: an absolute path, optionally followed by arguments. */
  readonly command: string;
  /** Kill the classifier after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Largest output accepted, in bytes. */
  readonly maxOutput?: number;
}

/** Runs `<external_nodes> <certname>` without a shell and reads its YAML. */
export function execClassifier(opts: ExecClassifierOptions): Classifier {
  const words = opts.command.trim().split(/\s+/);
  const [program, ...args] = words;
  if (!program || !isAbsolute(program)) {
    throw new ClassificationError(`The external_nodes setting must start with an absolute path to the classifier, got "${opts.command}"`);
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxOutput = opts.maxOutput ?? 16 * 1024 * 1024;
  return {
    async classify(certname) {
      const output = await runClassifier(program, [...args, certname], timeoutMs, maxOutput, certname);
      return parseClassification(output, certname);
    },
  };
}

function runClassifier(program: string, args: string[], timeoutMs: number, maxOutput: number, certname: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const cmdline = [program, ...args].join(' ');
    // its own process group, so a timeout also ends what the script started (a `sleep` holding stdout open)
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `Execution of '${cmdline}' timed out after ${timeoutMs / 1000} seconds and was killed`;
      kill();
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) {
        failure = `Execution of '${cmdline}' printed more than ${maxOutput} bytes`;
        kill();
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => { if (err.length < 64) err.push(chunk); });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ClassificationError(`Failed to find ${certname} via exec: Could not run '${cmdline}': ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      if (failure) return reject(new ClassificationError(`Failed to find ${certname} via exec: ${failure}`));
      if (code !== 0) {
        const detail = (stdout + Buffer.concat(err).toString('utf8')).trim();
        return reject(new ClassificationError(`Failed to find ${certname} via exec: Execution of '${cmdline}' returned ${code ?? signal}: ${detail}`));
      }
      resolve(stdout);
    });
  });
}

/** Reads a classifier's YAML output; undefined for empty output (Puppet: no such node). */
export function parseClassification(output: string, certname: string): NodeClassification | undefined {
  if (output.trim() === '') return undefined;
  let doc: unknown;
  try {
    doc = parseYaml(output);
  } catch (err) {
    throw new ClassificationError(`Could not load external node results for ${certname}: ${(err as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ClassificationError(`Could not load external node results for ${certname}: the output is not a YAML mapping`);
  }
  const d = doc as Record<string, unknown>;
  let classes: NodeClassification['classes'] = [];
  if (Array.isArray(d.classes)) {
    classes = d.classes.map((c) => String(c));
  } else if (d.classes && typeof d.classes === 'object') {
    const out: Record<string, Record<string, unknown> | null> = {};
    for (const [name, params] of Object.entries(d.classes as Record<string, unknown>)) {
      if (params !== null && params !== undefined && (typeof params !== 'object' || Array.isArray(params))) {
        throw new ClassificationError(`Could not load external node results for ${certname}: the parameters of class "${name}" must be a hash`);
      }
      out[name] = (params as Record<string, unknown> | null | undefined) ?? null;
    }
    classes = out;
  } else if (d.classes !== undefined && d.classes !== null) {
    throw new ClassificationError(`Could not load external node results for ${certname}: "classes" must be a list or a hash`);
  }
  let parameters: Record<string, unknown> = {};
  if (d.parameters && typeof d.parameters === 'object' && !Array.isArray(d.parameters)) {
    parameters = d.parameters as Record<string, unknown>;
  } else if (d.parameters !== undefined && d.parameters !== null) {
    throw new ClassificationError(`Could not load external node results for ${certname}: "parameters" must be a hash`);
  }
  const environment = d.environment === undefined || d.environment === null ? undefined : String(d.environment);
  return { classes, parameters, ...(environment !== undefined ? { environment } : {}) };
}

/** The class list as the node object serializes it: absent when empty. */
export function classesForNodeObject(classes: NodeClassification['classes']): unknown {
  if (Array.isArray(classes)) return classes.length ? classes : undefined;
  const entries = Object.entries(classes);
  if (!entries.length) return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [k, v ?? {}]));
}
