// Command-line options of `npm run bench`, resolved once into a frozen plan:
// which peers, how the Bunraku CLI is launched, and every count and time bound.
import type { PeerName } from './peers.js';

export interface Plan {
  mode: 'full' | 'smoke';
  peers: readonly PeerName[];
  /** Run Bunraku from the TypeScript sources (tsx) instead of a private compiled build. */
  fromSource: boolean;
  agents: boolean;
  /** Where results go; undefined: print only (smoke default). */
  outDir: string | undefined;
  keep: boolean;
  keylength: number | undefined;
  heap: { xms: string; xmx: string };
  largeShape: { classes: number; definesPerClass: number };
  treeFiles: number;
  warmup: { small: number; large: number };
  smallLatency: { requests: number; seconds: number };
  largeLatency: { requests: number; seconds: number };
  concurrency: readonly number[];
  concurrencyBounds: { requests: number; seconds: number };
  cheapKeepAlive: { requests: number; seconds: number; clients: number };
  cheapNewTls: { requests: number; seconds: number; clients: number };
  fileMetadatas: { requests: number; seconds: number };
  agentSteadyRuns: number;
  /** Smoke mode saves time: no server restart (no cold-start figure) and no untimed agent warm-up run. */
  quick: boolean;
  agentTimeoutMs: number;
  startTimeoutMs: { bunraku: number; puppetserver: number };
}

export const USAGE = `Usage: npm run bench -- [--smoke] [--peers bunraku,puppetserver] [--from-source]
                       [--no-agent] [--out DIR] [--keep]

Side-by-side benchmark of bunraku server/agent and puppetserver 7 / puppet agent 7
on loopback. Installs nothing; needs the Debian packages "puppetserver" (java and
/usr/share/puppetserver) and "puppet-agent" (the puppet command) for the peer
columns, and skips a peer that is missing, saying so.

  --smoke         tiny counts, Bunraku only unless --peers says otherwise, runs from
                  the sources, writes no results unless --out is given (for CI)
  --peers LIST    which servers to run: bunraku, puppetserver or both (default both)
  --from-source   run Bunraku through tsx instead of compiling it into bench/.build
  --no-agent      skip the agent runs
  --out DIR       results directory (default bench/results for a full run)
  --keep          keep the temporary directory (servers' dirs, code, agents)
`;

export function parsePlan(argv: readonly string[], defaultOut: string): Plan {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`Unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split('=', 2);
    if (['peers', 'out'].includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`Option --${name} needs a value`);
      flags.set(name, v);
    } else if (['smoke', 'from-source', 'no-agent', 'keep', 'help'].includes(name)) {
      flags.set(name, true);
    } else {
      throw new Error(`Unknown option "--${name}"`);
    }
  }
  if (flags.has('help')) throw new Error(USAGE);
  const smoke = flags.has('smoke');
  const peersText = flags.get('peers');
  const peers = typeof peersText === 'string' ? peersText.split(',').map((p) => p.trim()) : smoke ? ['bunraku'] : ['bunraku', 'puppetserver'];
  for (const p of peers) if (p !== 'bunraku' && p !== 'puppetserver') throw new Error(`Unknown peer "${p}" (bunraku, puppetserver)`);
  if (!peers.includes('bunraku')) throw new Error('The benchmark needs the bunraku peer: it creates the CA both servers share');
  const out = flags.get('out');
  const common = {
    peers: peers as PeerName[],
    fromSource: smoke || flags.has('from-source'),
    agents: !flags.has('no-agent'),
    outDir: typeof out === 'string' ? out : smoke ? undefined : defaultOut,
    keep: flags.has('keep'),
    heap: { xms: '512m', xmx: '1g' },
  };
  if (smoke) {
    return Object.freeze({
      ...common, mode: 'smoke', keylength: 2048,
      largeShape: { classes: 4, definesPerClass: 3 }, treeFiles: 50,
      warmup: { small: 2, large: 1 },
      smallLatency: { requests: 5, seconds: 5 }, largeLatency: { requests: 3, seconds: 5 },
      concurrency: [1, 2], concurrencyBounds: { requests: 6, seconds: 3 },
      cheapKeepAlive: { requests: 30, seconds: 2, clients: 2 }, cheapNewTls: { requests: 6, seconds: 2, clients: 2 },
      fileMetadatas: { requests: 2, seconds: 5 },
      agentSteadyRuns: 1, agentTimeoutMs: 60_000, quick: true,
      startTimeoutMs: { bunraku: 60_000, puppetserver: 180_000 },
    });
  }
  return Object.freeze({
    ...common, mode: 'full', keylength: undefined,
    largeShape: { classes: 100, definesPerClass: 12 }, treeFiles: 5000,
    warmup: { small: 30, large: 5 },
    smallLatency: { requests: 60, seconds: 60 }, largeLatency: { requests: 50, seconds: 60 },
    concurrency: [1, 2, 4, 8], concurrencyBounds: { requests: 200, seconds: 8 },
    cheapKeepAlive: { requests: 5000, seconds: 5, clients: 4 }, cheapNewTls: { requests: 500, seconds: 5, clients: 4 },
    fileMetadatas: { requests: 20, seconds: 30 },
    agentSteadyRuns: 3, agentTimeoutMs: 180_000, quick: false,
    startTimeoutMs: { bunraku: 180_000, puppetserver: 900_000 },
  });
}
