// Turns the collected figures into the table's rows, with the bars.
import type { AgentRun } from './agent-bench.js';
import type { AgentKind } from './agent-bench.js';
import type { Plan } from './options.js';
import type { PeerName } from './peers.js';
import type { Row, Value } from './report.js';
import type { ServerFigures } from './server-bench.js';

export interface Collected {
  plan: Plan;
  peers: PeerName[];
  agentKinds: AgentKind[];
  bunrakuFirstStartMs?: number;
  coldStartMs?: Partial<Record<PeerName, number>>;
  /** CPU seconds (user + system) the server process used from its start to its first catalog. */
  coldStartCpuS?: Partial<Record<PeerName, number>>;
  servers?: Partial<Record<PeerName, Partial<ServerFigures>>>;
  agents: Partial<Record<AgentKind, { first: AgentRun; steady: AgentRun[] }>>;
  /** Phases a server failed (first line of the error), in order. */
  failures: Partial<Record<PeerName, string[]>>;
}

const MB = 2 ** 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor((s.length - 1) / 2)];
}

export function buildRows(c: Collected): Row[] {
  const server = (peer: PeerName, pick: (f: Partial<ServerFigures>) => number | undefined): Value | undefined => {
    if (!c.peers.includes(peer)) return undefined;
    const v = c.servers?.[peer] ? pick(c.servers[peer]!) : undefined;
    const failed = c.failures[peer];
    return v === undefined ? { na: failed ? `not measured: ${failed.join('; ')}` : 'not measured' } : v;
  };
  const both = (pick: (f: Partial<ServerFigures>) => number | undefined) => ({ bunraku: server('bunraku', pick), puppetserver: server('puppetserver', pick) });
  const rows: Row[] = [
    {
      key: 'cold_start', label: 'cold start to first catalog, CA in place', unit: 's', better: 'lower', bar: { absolute: 1 },
      bunraku: c.coldStartMs?.bunraku !== undefined ? c.coldStartMs.bunraku / 1000 : { na: 'no restart in smoke mode' },
      puppetserver: c.peers.includes('puppetserver') && c.coldStartMs?.puppetserver !== undefined ? c.coldStartMs.puppetserver / 1000 : undefined,
    },
    {
      key: 'cold_start_cpu', label: 'cold start to first catalog, CPU time of the server process (user + sys)', unit: 's', better: 'lower',
      bunraku: c.coldStartCpuS?.bunraku ?? (c.coldStartMs?.bunraku === undefined ? { na: 'no restart in smoke mode' } : { na: 'not measured' }),
      puppetserver: c.peers.includes('puppetserver') && c.coldStartCpuS?.puppetserver !== undefined ? c.coldStartCpuS.puppetserver : undefined,
    },
    {
      key: 'first_start', label: 'first start creating CA + server cert, to status running', unit: 's', better: 'lower',
      bunraku: c.bunrakuFirstStartMs !== undefined ? c.bunrakuFirstStartMs / 1000 : undefined,
      puppetserver: c.peers.includes('puppetserver') ? { na: 'started on a copy of Bunraku\'s CA (shared client certificate)' } : undefined,
    },
    { key: 'rss_warm', label: 'server RSS after warm-up', unit: 'MB', better: 'lower', ...both((f) => f.rssAfterWarmup && f.rssAfterWarmup / MB) },
    { key: 'rss_load', label: 'server RSS after load', unit: 'MB', better: 'lower', bar: { ratio: 8 }, ...both((f) => f.rssAfterLoad && f.rssAfterLoad / MB) },
    { key: 'rss_peak', label: 'server peak RSS (VmHWM)', unit: 'MB', better: 'lower', ...both((f) => f.peakRss && f.peakRss / MB) },
    { key: 'small_median', label: 'small catalog latency, median', unit: 'ms', better: 'lower', bar: { ratio: 10 }, ...both((f) => f.small?.median) },
    { key: 'small_p95', label: 'small catalog latency, p95', unit: 'ms', better: 'lower', ...both((f) => f.small?.p95) },
    { key: 'large_median', label: 'large catalog latency, median', unit: 'ms', better: 'lower', bar: { ratio: 10 }, ...both((f) => f.large?.median) },
    { key: 'large_p95', label: 'large catalog latency, p95', unit: 'ms', better: 'lower', ...both((f) => f.large?.p95) },
  ];
  for (const n of c.plan.concurrency) {
    rows.push({
      key: `catalogs_per_s_${n}`, label: `small catalogs/s, ${n} keep-alive client${n > 1 ? 's' : ''}`, unit: '1/s', better: 'higher',
      ...(n === 8 ? { bar: { ratio: 5 } } : {}), ...both((f) => f.catalogsPerSecond?.[n]),
    });
  }
  rows.push(
    { key: 'cheap_keepalive', label: `GET /status/v1/simple, keep-alive, ${c.plan.cheapKeepAlive.clients} clients`, unit: 'req/s', better: 'higher', ...both((f) => f.cheapKeepAlive) },
    { key: 'cheap_newtls', label: `GET /status/v1/simple, new TLS each, ${c.plan.cheapNewTls.clients} clients`, unit: 'req/s', better: 'higher', ...both((f) => f.cheapNewTls) },
    { key: 'file_metadatas', label: `file_metadatas recurse, ${c.plan.treeFiles} files, median`, unit: 'ms', better: 'lower', ...both((f) => f.fileMetadatas?.median) },
  );
  const agent = (kind: AgentKind, unit: string, pick: (a: { first: AgentRun; steady: AgentRun[] }) => AgentRun[], value: (runs: AgentRun[]) => number): Value | undefined => {
    if (!c.agentKinds.includes(kind)) return undefined;
    const a = c.agents[kind];
    if (!a) return { na: 'not run' };
    const runs = pick(a);
    const failed = runs.find((r) => !r.ok);
    // what does run (SSL bootstrap, facts, catalog) is still measured and shown in the reason
    if (failed) return { na: `${failed.reason ?? 'run failed'} (the part that runs: ${value(runs).toFixed(unit === 'MB' ? 0 : 2)} ${unit})` };
    return value(runs);
  };
  const agentRow = (key: string, label: string, unit: string, pick: (a: { first: AgentRun; steady: AgentRun[] }) => AgentRun[], value: (runs: AgentRun[]) => number, bar?: Row['bar']): Row => ({
    key, label, unit, better: 'lower', ...(bar ? { bar } : {}),
    bunraku: agent('bunraku', unit, pick, value), puppetserver: agent('puppet', unit, pick, value),
  });
  rows.push(
    agentRow('agent_steady_wall', 'agent -t steady state, wall time (median)', 's', (a) => a.steady, (r) => median(r.map((x) => x.wallMs)) / 1000, { ratio: 5 }),
    agentRow('agent_steady_cpu', 'agent -t steady state, CPU time user + sys (median)', 's', (a) => a.steady, (r) => median(r.map((x) => x.cpuSeconds))),
    agentRow('agent_steady_peak', 'agent -t steady state, peak RSS (max)', 'MB', (a) => a.steady, (r) => Math.max(...r.map((x) => x.peakBytes)) / MB, { ratio: 3 }),
    agentRow('agent_first_wall', 'agent -t first run (new key, CSR, autosign), wall time', 's', (a) => [a.first], (r) => r[0].wallMs / 1000),
    agentRow('agent_first_peak', 'agent -t first run, peak RSS', 'MB', (a) => [a.first], (r) => r[0].peakBytes / MB),
  );
  const s = c.servers ?? {};
  const counts = Object.entries(s).map(([p, f]) => `${p}: small ${f?.smallResources ?? '?'}, large ${f?.largeResources ?? '?'} resources, file_metadatas ${f?.fileEntries ?? '?'} entries`);
  const small = rows.find((r) => r.key === 'small_median');
  if (counts.length > 0 && small) small.note = `catalog sizes — ${counts.join('; ')}. The large catalog uses classes, defines and EPP templates only (no ERB, so Bunraku's embedded Ruby stays unstarted; bench/ruby-compile.ts measures it)`;
  return rows;
}
