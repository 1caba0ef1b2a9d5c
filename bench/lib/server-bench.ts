// Server measurements for one peer: waiting for the first catalog, warm-up,
// catalog latency, catalogs per second at N keep-alive clients, a cheap
// endpoint with and without keep-alive, recursive file_metadatas, memory.
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import { catalogFormBody } from '../../src/agent/http/compiler-service.js';
import {
  bodyText, catalogRequest, freshConnectionAgent, getRequest, keepAliveAgent, load, sendOk,
  type BenchRequest, type Target,
} from './http-load.js';
import { exited, memoryOf, sleep, type Daemon } from './proc.js';
import { summarize, type LatencySummary } from './stats.js';
import type { Plan } from './options.js';

export interface Workload {
  small: BenchRequest;
  large: BenchRequest;
  cheap: BenchRequest;
  fileMetadatas: BenchRequest;
}

/** The requests every peer gets, byte for byte the same. */
export function workload(certname: string, facts: { values: Record<string, unknown> }, tree: { mount: string; environment: string }): Workload {
  const now = Date.now();
  const form = (environment: string) => catalogFormBody({
    facts: { name: certname, values: facts.values, timestamp: new Date(now).toISOString(), expiration: new Date(now + 1_800_000).toISOString() },
    environment, configuredEnvironment: environment, checkEnvironment: true, transactionUuid: randomUUID(), jobUuid: '', staticCatalog: true,
  });
  return {
    small: catalogRequest(certname, 'production', form('production')),
    large: catalogRequest(certname, 'large', form('large')),
    cheap: getRequest('/status/v1/simple', 'text/plain'),
    fileMetadatas: getRequest(
      `/puppet/v3/file_metadatas/${tree.mount}?recurse=true&max_files=0&links=manage&checksum_type=sha256&source_permissions=ignore&environment=${tree.environment}`,
      'application/json, text/pson',
    ),
  };
}

/**
 * Milliseconds from `startedAt` until `req` answers 200 (polled every
 * `intervalMs` on new connections). Fails when the server exits or the
 * deadline passes.
 */
export async function untilFirst(target: Target, req: BenchRequest, daemon: Daemon, startedAt: number, timeoutMs: number, intervalMs: number): Promise<number> {
  let last = 'no answer yet';
  while (performance.now() - startedAt < timeoutMs) {
    if (exited(daemon.child)) throw new Error(`The server exited (${daemon.child.exitCode ?? daemon.child.signalCode}) before answering:\n${daemon.output().slice(-3000)}`);
    const agent = freshConnectionAgent();
    try {
      await sendOk(target, req, agent);
      return performance.now() - startedAt;
    } catch (err) {
      last = (err as Error).message;
    } finally {
      agent.destroy();
    }
    await sleep(intervalMs);
  }
  throw new Error(`No successful ${req.method} ${req.path.split('?')[0]} within ${timeoutMs} ms (last: ${last}):\n${daemon.output().slice(-3000)}`);
}

export interface ServerFigures {
  smallResources: number;
  largeResources: number;
  fileEntries: number;
  rssAfterWarmup: number;
  small: LatencySummary;
  large: LatencySummary;
  catalogsPerSecond: Record<number, number>;
  cheapKeepAlive: number;
  cheapNewTls: number;
  fileMetadatas: LatencySummary;
  rssAfterLoad: number;
  peakRss: number;
}

function count(text: string, what: string): number {
  const v = JSON.parse(text) as unknown;
  if (Array.isArray(v)) return v.length;
  const resources = (v as { resources?: unknown[] }).resources;
  if (!Array.isArray(resources)) throw new Error(`The ${what} answer is not a catalog: ${text.slice(0, 200)}`);
  return resources.length;
}

function rssOf(daemon: Daemon): { rss: number; hwm: number } {
  const m = memoryOf(daemon.pid);
  if (!m) throw new Error(`Cannot read the memory of PID ${daemon.pid}: the server is gone`);
  return m;
}

async function withAgents<T>(agents: Agent[], f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } finally {
    for (const a of agents) a.destroy();
  }
}

/** The phases one after another; `step` is called between phases so the caller can alternate peers. */
export function serverPhases(target: Target, daemon: Daemon, w: Workload, plan: Plan, log: (line: string) => void): Array<(f: Partial<ServerFigures>) => Promise<void>> {
  const ka = keepAliveAgent(1);
  return [
    async (f) => {
      f.smallResources = count(bodyText(await sendOk(target, w.small, ka)), 'small catalog');
      f.largeResources = count(bodyText(await sendOk(target, w.large, ka)), 'large catalog');
      f.fileEntries = count(bodyText(await sendOk(target, w.fileMetadatas, ka)), 'file_metadatas');
      for (let i = 0; i < plan.warmup.small; i++) await sendOk(target, w.small, ka);
      for (let i = 0; i < plan.warmup.large; i++) await sendOk(target, w.large, ka);
      f.rssAfterWarmup = rssOf(daemon).rss;
      log(`warm: ${f.smallResources} / ${f.largeResources} resources, ${f.fileEntries} file entries, RSS ${(f.rssAfterWarmup / 2 ** 20).toFixed(0)} MB`);
    },
    async (f) => {
      f.small = summarize((await load(target, w.small, 1, plan.smallLatency, () => ka)).latencies);
      log(`small catalog: median ${f.small.median.toFixed(1)} ms, p95 ${f.small.p95.toFixed(1)} ms (n=${f.small.n})`);
    },
    async (f) => {
      f.large = summarize((await load(target, w.large, 1, plan.largeLatency, () => ka)).latencies);
      log(`large catalog: median ${f.large.median.toFixed(1)} ms, p95 ${f.large.p95.toFixed(1)} ms (n=${f.large.n})`);
    },
    async (f) => {
      f.catalogsPerSecond = {};
      for (const clients of plan.concurrency) {
        const agents = Array.from({ length: clients }, () => keepAliveAgent(1));
        const r = await withAgents(agents, () => load(target, w.small, clients, plan.concurrencyBounds, (i) => agents[i]));
        f.catalogsPerSecond[clients] = r.perSecond;
        log(`${clients} clients: ${r.perSecond.toFixed(1)} catalogs/s (${r.latencies.length} in ${(r.ms / 1000).toFixed(1)} s)`);
      }
    },
    async (f) => {
      const c = plan.cheapKeepAlive;
      const agents = Array.from({ length: c.clients }, () => keepAliveAgent(1));
      f.cheapKeepAlive = (await withAgents(agents, () => load(target, w.cheap, c.clients, c, (i) => agents[i]))).perSecond;
      const n = plan.cheapNewTls;
      const fresh = Array.from({ length: n.clients }, () => freshConnectionAgent());
      f.cheapNewTls = (await withAgents(fresh, () => load(target, w.cheap, n.clients, n, (i) => fresh[i]))).perSecond;
      log(`${w.cheap.path}: ${f.cheapKeepAlive.toFixed(0)} req/s keep-alive, ${f.cheapNewTls.toFixed(0)} req/s new TLS each`);
    },
    async (f) => {
      f.fileMetadatas = summarize((await load(target, w.fileMetadatas, 1, plan.fileMetadatas, () => ka)).latencies);
      const m = rssOf(daemon);
      f.rssAfterLoad = m.rss;
      f.peakRss = m.hwm;
      log(`file_metadatas: median ${f.fileMetadatas.median.toFixed(1)} ms (n=${f.fileMetadatas.n}); RSS ${(m.rss / 2 ** 20).toFixed(0)} MB, peak ${(m.hwm / 2 ** 20).toFixed(0)} MB`);
      ka.destroy();
    },
  ];
}
