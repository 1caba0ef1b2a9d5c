// The benchmark's HTTPS client: requests as a Puppet 7 agent sends them
// (headers, the catalog form body, the client certificate), over keep-alive
// connections or a new TLS connection per request, with bounded loops that
// record latencies. Response bodies are read in full but not decoded, except
// when a caller asks for the body to check it.
import { Agent, request } from 'node:https';
import { gunzipSync } from 'node:zlib';

export interface Identity {
  ca: string;
  cert: string;
  key: string;
}

export interface Target {
  port: number;
  identity: Identity;
}

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const COMMON_HEADERS = {
  'Accept-Encoding': 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3',
  'User-Agent': 'Puppet/7.23.0 Ruby/3.1.2-p20 (x86_64-linux-gnu)',
  'X-Puppet-Version': '7.23.0',
};

/** POST /puppet/v3/catalog/<certname> with the agent's form body. */
export function catalogRequest(certname: string, environment: string, form: string): BenchRequest {
  return {
    method: 'POST',
    path: `/puppet/v3/catalog/${certname}?environment=${environment}`,
    headers: {
      ...COMMON_HEADERS,
      Accept: 'application/vnd.puppet.rich+json, application/json, text/pson',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form,
  };
}

export function getRequest(path: string, accept: string): BenchRequest {
  return { method: 'GET', path, headers: { ...COMMON_HEADERS, Accept: accept } };
}

/** A pool of keep-alive connections, one per concurrent client. */
export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** No keep-alive and no TLS session reuse: every request pays a full handshake, as a fresh agent process does. */
export function freshConnectionAgent(): Agent {
  return new Agent({ keepAlive: false, maxCachedSessions: 0 });
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function send(target: Target, req: BenchRequest, agent: Agent, timeoutMs = 240_000): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers, Host: `localhost:${target.port}` };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const r = request({
      host: '127.0.0.1', port: target.port, servername: 'localhost', method: req.method, path: req.path, headers, agent,
      ca: target.identity.ca, cert: target.identity.cert, key: target.identity.key, timeout: timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`${req.method} ${req.path} timed out after ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** The body as text, gunzipped when the server compressed it. */
export function bodyText(res: Response): string {
  return (res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body).toString('utf8');
}

/** Sends `req` and fails with the server's answer unless it is a 200. */
export async function sendOk(target: Target, req: BenchRequest, agent: Agent): Promise<Response> {
  const res = await send(target, req, agent);
  if (res.status !== 200) throw new Error(`${req.method} ${req.path.slice(0, 80)} answered ${res.status}: ${bodyText(res).slice(0, 300)}`);
  return res;
}

export interface Bounds {
  /** At most this many requests (in total over all clients). */
  requests: number;
  /** Stop starting new requests after this many milliseconds. */
  seconds: number;
}

export interface LoadResult {
  latencies: number[];
  ms: number;
  /** Completed requests per second over the whole loop. */
  perSecond: number;
}

/**
 * `clients` loops sending `req` one after the other on `agentFor(i)`, until
 * `bounds.requests` have been started or `bounds.seconds` have passed. Every
 * answer must be a 200.
 */
export async function load(target: Target, req: BenchRequest, clients: number, bounds: Bounds, agentFor: (client: number) => Agent): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + bounds.seconds * 1000;
  const loop = async (client: number) => {
    const agent = agentFor(client);
    while (started < bounds.requests && performance.now() < deadline) {
      started++;
      const s = performance.now();
      await sendOk(target, req, agent);
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => loop(i)));
  const ms = performance.now() - t0;
  return { latencies, ms, perSecond: latencies.length / (ms / 1000) };
}
