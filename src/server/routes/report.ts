// PUT /puppet/v3/report/:certname: parse the report, run the processors named
// in the `reports` setting (store, log, http), answer the list of their names.
import { join } from 'node:path';
import type { RouteDeps } from '../route-loader.js';
import type { Reply, RouteFamily } from '../router.js';
import { parseReport, reportFormatFor } from '../../report/parse.js';
import { processReport, type ReportSettings, type ServerLog as ReportLog } from '../../report/processors.js';
import {
  answer, jsonContentType, loadEnvironment, negotiate, queryFromSearchParams, requireEnvironmentName, splitPathList,
  type EnvironmentLocation,
} from '../../fileserver/indirector-request.js';
import { PuppetHttpError } from '../../fileserver/errors.js';

export function createRoutes(deps: RouteDeps): RouteFamily {
  const { settings } = deps;
  const location: EnvironmentLocation = {
    environmentpath: splitPathList(settings.environmentpath),
    basemodulepath: splitPathList(settings.basemodulepath),
  };
  const reports = settings.reports;
  const retain = settings['report_retention'];
  const reportSettings: ReportSettings = {
    reports: Array.isArray(reports) ? reports.join(',') : typeof reports === 'string' ? reports : 'store',
    reportdir: typeof settings.reportdir === 'string' ? settings.reportdir : join(settings.vardir, 'reports'),
    reporturl: typeof settings.reporturl === 'string' ? settings.reporturl : 'http://localhost:3000/reports/upload',
    ...(typeof retain === 'number' && retain > 0 ? { retainPerNode: retain } : {}),
    ...(settings['exclude_unchanged_resources'] === true ? { excludeUnchangedResources: true } : {}),
  };
  const log: ReportLog = (level, message, source) => {
    const mapped = level === 'alert' || level === 'emerg' || level === 'crit' ? 'err' : level;
    deps.log(mapped, source ? `${source}: ${message}` : message);
  };
  return {
    name: 'puppet-report',
    prefix: '/puppet/v3/',
    errorFormat: 'puppet-json',
    routes: [
      {
        methods: ['PUT'],
        path: /^\/puppet\/v3\/report\/(.*)$/,
        handler: (ctx) =>
          answer(async () => {
            const query = queryFromSearchParams(ctx.query);
            const format = negotiate(ctx.header('accept'), ['application/json', 'text/pson'], 'application/json');
            await loadEnvironment(location, requireEnvironmentName(query));
            if (!ctx.params[0]) throw new PuppetHttpError(400, `No request key specified in ${ctx.rawPath}`);
            const report = parseReport(await ctx.readBody(), reportFormatFor(ctx.header('content-type')));
            const names = await processReport(report, { settings: reportSettings, log });
            return { status: 200, headers: { 'Content-Type': jsonContentType(format) }, body: JSON.stringify(names) };
          }) as Promise<Reply>,
      },
    ],
  };
}
