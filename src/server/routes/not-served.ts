// Endpoints puppetserver 7 routes that Bunraku does not serve (yet): the v4
// catalog service API, environment_classes/environment_modules, tasks and
// plans, and the metrics API. They are routed so that auth.conf decides about
// them as puppetserver does (puppetserver authorizes only routed requests);
// an allowed request then gets a 404 saying plainly that Bunraku lacks it.
import type { RouteFamily, Reply } from '../router.js';

const jsonError = (message: string): Reply => ({
  status: 404,
  headers: { 'Content-Type': 'application/json;charset=utf-8' },
  body: JSON.stringify({ message: `Not Found: ${message}`, issue_kind: 'HANDLER_NOT_FOUND' }),
});

const notServed = (what: string) => (): Reply => jsonError(`Bunraku does not serve ${what}, a puppetserver endpoint it has not implemented`);

export function createRoutes(): RouteFamily[] {
  return [
    {
      name: 'puppet-not-served',
      prefix: '/puppet/',
      errorFormat: 'puppet-json',
      routes: [
        { methods: ['POST'], path: /^\/puppet\/v4\/catalog\/?$/, handler: notServed('the v4 catalog API') },
        { methods: ['GET'], path: /^\/puppet\/v3\/environment_classes$/, handler: notServed('environment_classes') },
        { methods: ['GET'], path: /^\/puppet\/v3\/environment_modules$/, handler: notServed('environment_modules') },
        { methods: ['GET'], path: /^\/puppet\/v3\/tasks(\/.*)?$/, handler: notServed('the tasks API') },
        { methods: ['GET'], path: /^\/puppet\/v3\/plans(\/.*)?$/, handler: notServed('the plans API') },
      ],
    },
    {
      name: 'metrics-not-served',
      prefix: '/metrics/',
      errorFormat: 'puppet-json',
      routes: [{ methods: ['GET', 'POST'], path: /^\/metrics\/v[12]\/.*$/, handler: notServed('the metrics API') }],
    },
  ];
}
