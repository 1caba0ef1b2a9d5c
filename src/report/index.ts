// The report API: parse a report body, run the configured processors, and
// write Puppet's YAML for a report.
export { parseReport, reportFormatFor, type ParsedReport, type ReportFormat } from './parse.js';
export { processReport, storeReport, logReport, postReport, pruneReports, reportProcessorNames, type ReportSettings, type ReportEnv } from './processors.js';
export { reportToYaml, reportDataHash, REPORT_TAG } from './report-yaml.js';
export { dumpRubyYaml, rubyFloatToS } from './ruby-yaml.js';
export { parseJsonLossless, RubyInt, RubyFloat, type RubyValue, type RubyHash } from './ruby-value.js';
