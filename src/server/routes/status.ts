// The status service (trapperkeeper-status 1.1.1 as puppetserver 7.9 ships it):
// /status/v1/simple[/<svc>] as plain text, /status/v1/services[/<svc>] as JSON.
// The agent only probes /status/v1/simple/server (then .../master) for server_list.
import { HttpError, JSON_UTF8, TEXT_UTF8 } from '../errors.js';
import type { Reply, RouteFamily } from '../router.js';

export type ServiceState = 'running' | 'error' | 'starting' | 'stopping' | 'unknown';

export interface StatusService {
  /** Reported as service_version. */
  version: string;
  /** Current state; a function so the server can report starting/stopping. */
  state: () => ServiceState;
}

const LEVELS = ['critical', 'info', 'debug'] as const;

function levelOf(query: URLSearchParams): string {
  const level = query.get('level');
  if (level === null) return 'info';
  if (!(LEVELS as readonly string[]).includes(level)) throw new HttpError('BAD_REQUEST', `Invalid level: :${level}`, { issueKind: 'request-data-invalid' });
  return level;
}

function checkTimeout(query: URLSearchParams): void {
  const t = query.get('timeout');
  if (t === null) return;
  if (!/^-?\d+$/.test(t)) throw new HttpError('BAD_REQUEST', `Invalid timeout. Should be an integer but was ${t}`, { issueKind: 'request-data-invalid' });
  if (Number(t) <= 0) throw new HttpError('BAD_REQUEST', `Invalid timeout. Timeout must be greater than zero but was ${Number(t)}`, { issueKind: 'request-data-invalid' });
}

/** Severity order of trapperkeeper-status's summarize-states. */
function summarize(states: ServiceState[]): ServiceState {
  for (const s of ['error', 'unknown', 'stopping', 'starting', 'running'] as const) if (states.includes(s)) return s;
  return 'unknown';
}

function describe(svc: StatusService, level: string) {
  return { service_version: svc.version, service_status_version: 1, detail_level: level, state: svc.state(), status: {}, active_alerts: [] };
}

export function statusRoutes(services: Readonly<Record<string, StatusService>>): RouteFamily {
  const names = Object.keys(services);
  const get = (name: string) => (Object.hasOwn(services, name) ? services[name] : undefined);
  const json = (status: number, value: unknown): Reply => ({ status, headers: { 'Content-Type': JSON_UTF8 }, body: JSON.stringify(value) });
  const text = (status: number, value: string): Reply => ({ status, headers: { 'Content-Type': TEXT_UTF8 }, body: value });
  return {
    name: 'status',
    prefix: '/status/v1/',
    errorFormat: 'status-json',
    routes: [
      {
        methods: ['GET'],
        path: /^\/status\/v1\/simple\/?$/,
        handler: ({ query }) => {
          checkTimeout(query);
          const state = summarize(names.map((n) => services[n]!.state()));
          return text(state === 'running' ? 200 : 503, state);
        },
      },
      {
        methods: ['GET'],
        path: /^\/status\/v1\/simple\/([^/]+)$/,
        handler: ({ params, query }) => {
          checkTimeout(query);
          const svc = get(params[0]!);
          if (!svc) return text(404, `not found: ${params[0]}`);
          const state = svc.state();
          return text(state === 'running' ? 200 : 503, state);
        },
      },
      {
        methods: ['GET'],
        path: /^\/status\/v1\/services\/?$/,
        handler: ({ query }) => {
          const level = levelOf(query);
          checkTimeout(query);
          const all: Record<string, unknown> = {};
          for (const n of names) all[n] = describe(services[n]!, level);
          return json(names.every((n) => services[n]!.state() === 'running') ? 200 : 503, all);
        },
      },
      {
        methods: ['GET'],
        path: /^\/status\/v1\/services\/([^/]+)$/,
        handler: ({ params, query }) => {
          const svc = get(params[0]!);
          if (!svc) return json(404, { kind: 'service-not-found', msg: `No status information found for service ${params[0]}` });
          const level = levelOf(query);
          checkTimeout(query);
          const status = describe(svc, level);
          return json(status.state === 'running' ? 200 : 503, { ...status, service_name: params[0] });
        },
      },
    ],
  };
}

/** Route-module entry point (see route-loader.ts): the services puppetserver reports, all running while we serve. */
export function createRoutes(deps: { version: string }): RouteFamily {
  const running: StatusService = { version: deps.version, state: () => 'running' };
  return statusRoutes({ ca: running, master: running, server: running, 'status-service': running });
}
