// Text output of `bunraku ca list`, laid out exactly as the puppetserver-ca
// gem 2.4 prints `puppetserver ca list` (lib/puppetserver/ca/action/list.rb).
import type { CertificateStatus } from './status.js';

/** A Ruby Array#inspect of strings, e.g. ["DNS:a", "DNS:b"]. */
function rubyInspect(items: readonly string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
}

function formatOne(status: CertificateStatus, width: number): string {
  const parts = [`    ${status.name.padEnd(width + 6)} (SHA256)  ${status.fingerprints.SHA256}`];
  const alt = status.subject_alt_names ?? status.dns_alt_names;
  if (alt.length > 0) parts.push(`alt names: ${rubyInspect(alt)}`);
  const auth = Object.entries(status.authorization_extensions ?? {});
  if (auth.length > 0) parts.push(`authorization extensions: [${auth.map(([k, v]) => `${k}: ${v}`).join(', ')}]`);
  return parts.join('\t');
}

function section(title: string, statuses: readonly CertificateStatus[]): string[] {
  if (statuses.length === 0) return [];
  const width = Math.max(...statuses.map((s) => s.name.length));
  return [title, ...statuses.map((s) => formatOne(s, width))];
}

/** The lines `puppetserver ca list` prints for these statuses (and names asked for but not found). */
export function formatStatusList(statuses: readonly CertificateStatus[], missing: readonly string[] = []): string {
  const requested = statuses.filter((s) => s.state === 'requested');
  const signed = statuses.filter((s) => s.state === 'signed');
  const revoked = statuses.filter((s) => s.state === 'revoked');
  if (statuses.length === 0 && missing.length === 0) return 'No certificates to list\n';
  const lines = [
    ...section('Requested Certificates:', requested),
    ...section('Signed Certificates:', signed),
    ...section('Revoked Certificates:', revoked),
    ...(missing.length ? ['Missing Certificates:', ...missing.map((n) => `    ${n}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
