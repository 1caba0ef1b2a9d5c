// The results table: one row per measurement with both peers, the ratio
// (always "how many times better Bunraku is", so > 1 favours Bunraku), the
// issue's bar and whether it was met; rendered as text, markdown and JSON
// together with the machine's description.
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';

export type Better = 'lower' | 'higher';

/** A measured value, or the reason why there is none. */
export type Value = number | { na: string };

export interface Row {
  key: string;
  label: string;
  unit: string;
  better: Better;
  bunraku?: Value;
  puppetserver?: Value;
  /** The bar: Bunraku at least `ratio` times better, or Bunraku's value within `absolute`. */
  bar?: { ratio: number } | { absolute: number };
  note?: string;
}

export function isNumber(v: Value | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** How many times better Bunraku is than puppetserver on this row; undefined without both numbers. */
export function ratio(row: Row): number | undefined {
  if (!isNumber(row.bunraku) || !isNumber(row.puppetserver) || row.bunraku === 0 || row.puppetserver === 0) return undefined;
  return row.better === 'lower' ? row.puppetserver / row.bunraku : row.bunraku / row.puppetserver;
}

/** 'met', 'missed', or '' when the row has no bar or lacks a value. */
export function verdict(row: Row): 'met' | 'missed' | '' {
  if (!row.bar) return '';
  if ('absolute' in row.bar) {
    if (!isNumber(row.bunraku)) return '';
    return (row.better === 'lower' ? row.bunraku <= row.bar.absolute : row.bunraku >= row.bar.absolute) ? 'met' : 'missed';
  }
  const r = ratio(row);
  if (r === undefined) return '';
  return r >= row.bar.ratio ? 'met' : 'missed';
}

function fmtNumber(n: number, unit: string): string {
  if (unit === 'MB') return n.toFixed(0);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function formatValue(v: Value | undefined, unit: string): string {
  if (v === undefined) return 'skipped';
  if (typeof v === 'number') return Number.isFinite(v) ? fmtNumber(v, unit) : 'n/a';
  return 'n/a';
}

function fmtBar(row: Row): string {
  if (!row.bar) return '';
  if ('absolute' in row.bar) return `${row.better === 'lower' ? '≤' : '≥'} ${row.bar.absolute} ${row.unit}`;
  return `≥ ${row.bar.ratio}×`;
}

function cells(row: Row): string[] {
  const r = ratio(row);
  return [
    `${row.label} (${row.unit})`,
    formatValue(row.bunraku, row.unit),
    formatValue(row.puppetserver, row.unit),
    r === undefined ? '' : `${r.toFixed(r >= 10 ? 0 : 1)}×`,
    fmtBar(row),
    verdict(row),
  ];
}

const HEADER = ['measurement', 'Bunraku', 'puppetserver 7 / puppet agent 7', 'ratio (× better)', 'bar', ''];

/** Reasons for n/a cells, listed under the table. */
function notes(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    for (const peer of ['bunraku', 'puppetserver'] as const) {
      const v = row[peer];
      if (v !== undefined && typeof v !== 'number') out.push(`${row.label}, ${peer}: n/a — ${v.na}`);
    }
    if (row.note) out.push(`${row.label}: ${row.note}`);
  }
  return out;
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${cells(row).join(' | ')} |`);
  const n = notes(rows);
  if (n.length > 0) lines.push('', ...n.map((x) => `- ${x}`));
  return lines.join('\n');
}

export function textTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const n = notes(rows);
  return [line(HEADER), ...rows.map((r) => line(cells(r))), ...(n.length > 0 ? ['', ...n.map((x) => `* ${x}`)] : [])].join('\n');
}

/** The first line a command prints (stdout, else stderr: `java -version` writes there). */
function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return `unavailable (${r.error.message})`;
  const text = (r.stdout || r.stderr || '').trim();
  return text.split('\n')[0] ?? '';
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryMB: number;
  kernel: string;
  loadAverageAtStart: number[];
  /** Filled in when the run ends. */
  loadAverageAtEnd?: number[];
  node: string;
  java: string;
  puppetserver: string;
  puppet: string;
  bunrakuCommit: string;
}

export function describeMachine(repoRoot: string): Machine {
  const gitHead = firstLine('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD']);
  const dirty = firstLine('git', ['-C', repoRoot, 'status', '--porcelain', '--untracked-files=no', '--', 'src']) ? ' (+ uncommitted changes in src/)' : '';
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryMB: Math.round(totalmem() / 2 ** 20),
    kernel: release(),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    java: firstLine('java', ['-version']),
    puppetserver: firstLine('dpkg-query', ['-W', '-f', '${Version}', 'puppetserver']),
    puppet: firstLine('dpkg-query', ['-W', '-f', '${Version}', 'puppet-agent']),
    bunrakuCommit: gitHead + dirty,
  };
}

export function machineMarkdown(m: Machine): string {
  return [
    `- machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryMB} MB RAM, Linux ${m.kernel}; load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' / ')}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.join(' / ')}` : ''} (shared machine)`,
    `- Bunraku ${m.bunrakuCommit} on Node.js ${m.node}`,
    `- puppetserver ${m.puppetserver} (${m.java}); puppet-agent ${m.puppet}`,
  ].join('\n');
}
