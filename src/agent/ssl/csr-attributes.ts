// Reads csr_attributes.yaml (Puppet::SSL::CertificateRequestAttributes): a
// mapping with only `custom_attributes` and `extension_requests`, each a
// mapping of OID or short name to value. A missing file means no attributes.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export interface CsrAttributes {
  customAttributes: Record<string, unknown>;
  extensionRequests: Record<string, unknown>;
}

/** undefined when the file does not exist. */
export async function loadCsrAttributes(path: string): Promise<CsrAttributes | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = (parse(text) ?? {}) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const klass = Array.isArray(data) ? 'Array' : typeof data === 'string' ? 'String' : typeof data === 'number' ? (Number.isInteger(data) ? 'Integer' : 'Float') : typeof data;
    throw new Error(`invalid CSR attributes, expected instance of Hash, received instance of ${klass}`);
  }
  const { custom_attributes, extension_requests, ...rest } = data as Record<string, unknown>;
  const unexpected = Object.keys(rest);
  if (unexpected.length > 0) {
    throw new Error(`unexpected attributes ${JSON.stringify(unexpected).replace(/,/g, ', ')} in ${JSON.stringify(path)}`);
  }
  return {
    customAttributes: mapping(custom_attributes, 'custom_attributes', path),
    extensionRequests: mapping(extension_requests, 'extension_requests', path),
  };
}

function mapping(value: unknown, key: string, path: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`invalid CSR attributes: "${key}" in ${JSON.stringify(path)} must be a mapping`);
  return value as Record<string, unknown>;
}
