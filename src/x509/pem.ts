// PEM text <-> DER bytes: splitting bundles into blocks and writing blocks the
// way OpenSSL does (64-column base64, LF line ends, trailing newline).

export interface PemBlock {
  /** The word(s) after BEGIN, e.g. "CERTIFICATE" or "X509 CRL". */
  label: string;
  der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** All PEM blocks in `text`, in order; with `label`, only blocks of that type. */
export function pemBlocks(text: string, label?: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    if (label !== undefined && m[1] !== label) continue;
    const body = m[2].replace(/[\s]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    out.push({ label: m[1], der: Buffer.from(body, 'base64') });
  }
  return out;
}

/** Encodes DER bytes as one PEM block. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
