// The report model of one run (format 12), in the key order Puppet writes it.
import type { ReportLog } from './run-log.js';

export interface ReportEvent {
  audited: boolean;
  property: string | null;
  previous_value: unknown;
  desired_value: unknown;
  historical_value: unknown;
  message: string;
  name: string;
  status: 'success' | 'failure' | 'noop' | 'audit';
  time: string;
  redacted: boolean | null;
  corrective_change: boolean;
}

export interface ResourceStatus {
  title: string;
  file: string | null;
  line: number | null;
  resource: string;
  resource_type: string;
  provider_used: string | null;
  containment_path: string[];
  evaluation_time: number;
  tags: string[];
  time: string;
  failed: boolean;
  failed_to_restart: boolean;
  changed: boolean;
  out_of_sync: boolean;
  skipped: boolean;
  change_count: number;
  out_of_sync_count: number;
  events: ReportEvent[];
  corrective_change: boolean;
}

export type MetricValues = [string, string, number][];

export interface Metric {
  name: string;
  label: string;
  values: MetricValues;
}

export interface Report {
  host: string;
  time: string;
  configuration_version: string | number | null;
  transaction_uuid: string;
  report_format: 12;
  puppet_version: string;
  status: 'changed' | 'unchanged' | 'failed';
  transaction_completed: boolean;
  noop: boolean;
  noop_pending: boolean;
  environment: string;
  logs: ReportLog[];
  metrics: Record<string, Metric>;
  resource_statuses: Record<string, ResourceStatus>;
  corrective_change: boolean;
  server_used?: string;
  catalog_uuid?: string;
  code_id?: string;
  job_id?: string;
  cached_catalog_status: 'not_used' | 'explicitly_requested' | 'on_failure';
}
