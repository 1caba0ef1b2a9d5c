// External facts from facts.d directories: .yaml/.yml, .json, .txt (key=value)
// and executables (output as JSON, YAML or key=value lines), as facter 4 reads them.
import { parse as parseYaml } from 'yaml';
import type { SystemReader } from './system.js';
import type { FactMap, FactValue } from './linux.js';

export interface ExternalFactsResult {
  facts: FactMap;
  /** Problems with individual files: reported, never fatal to the run. */
  warnings: string[];
}

function keyValueLines(text: string): FactMap {
  const out: FactMap = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return out;
}

function asMapping(value: unknown): FactMap | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as FactMap) : undefined;
}

export function readExternalFacts(sys: SystemReader, dirs: readonly string[], isExecutable: (path: string) => boolean): ExternalFactsResult {
  const facts: FactMap = {};
  const warnings: string[] = [];
  for (const dir of dirs) {
    for (const name of sys.listDir(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = `${dir}/${name}`;
      let parsed: FactMap | undefined;
      try {
        if (isExecutable(path)) {
          const output = sys.run(path, []);
          if (output === undefined) {
            warnings.push(`External fact script ${path} failed`);
            continue;
          }
          parsed = tryStructured(output) ?? keyValueLines(output);
        } else if (/\.ya?ml$/i.test(name)) {
          parsed = asMapping(parseYaml(sys.readText(path) ?? ''));
        } else if (/\.json$/i.test(name)) {
          parsed = asMapping(JSON.parse(sys.readText(path) ?? 'null'));
        } else if (/\.txt$/i.test(name)) {
          parsed = keyValueLines(sys.readText(path) ?? '');
        } else {
          continue;
        }
      } catch (err) {
        warnings.push(`Could not parse external fact file ${path}: ${(err as Error).message}`);
        continue;
      }
      if (!parsed) {
        warnings.push(`External fact file ${path} does not hold a mapping of fact names to values`);
        continue;
      }
      for (const [k, v] of Object.entries(parsed)) facts[k.toLowerCase()] = v as FactValue;
    }
  }
  return { facts, warnings };
}

function tryStructured(output: string): FactMap | undefined {
  const trimmed = output.trim();
  if (trimmed.startsWith('{')) {
    try {
      return asMapping(JSON.parse(trimmed));
    } catch {
      return undefined;
    }
  }
  if (/^[^=\n]+:\s/m.test(trimmed) && !/^[^:\n]+=/m.test(trimmed)) {
    try {
      return asMapping(parseYaml(trimmed));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
