// The contract between the transaction and a resource provider: one
// checkApply(apply) doing both the check and the change (so noop is the same
// code path), an optional refresh, and everything a provider may use injected
// through one context.
import type { AgentCatalog, CatalogResource } from '../catalog/model.js';
import type { FileServerService } from '../http/file-server-service.js';
import type { FileBucketService } from '../http/file-bucket-service.js';
import type { CommandRunner } from './command.js';

/** One property found out of sync (and changed, when applying). */
export interface Change {
  readonly property: string;
  readonly previous: unknown;
  readonly desired: unknown;
  /** The success message, e.g. `created` or `content changed '{sha256}a' to '{sha256}b'`. */
  readonly message: string;
  /** The event name, e.g. `file_created`, `content_changed`. */
  readonly name: string;
  /** The message in noop mode; defaults to Puppet's `current_value ..., should be ... (noop)`. */
  readonly noopMessage?: string;
  /**
   * The property is sensitive by its type (a user's password), whether or not
   * the manifest said Sensitive: its event is recorded with `redacted: true`.
   */
  readonly redacted?: boolean;
}

/** Logging on behalf of one resource; the source is the resource's path. */
export interface ResourceLog {
  debug(message: string, property?: string): void;
  info(message: string, property?: string): void;
  notice(message: string, property?: string): void;
  warning(message: string, property?: string): void;
  err(message: string, property?: string): void;
  /** A message of the run itself (source `Puppet`), as notify prints its message. */
  plain(message: string, level?: 'notice' | 'err'): void;
}

/** A property whose change failed: the transaction logs `change from ... failed: ...`. */
export class PropertyChangeError extends Error {
  constructor(
    readonly property: string, readonly previous: unknown, readonly desired: unknown, message: string,
    /** The property's event name, which the failure event keeps (`executed_command`). */
    readonly eventName = `${property}_changed`,
  ) {
    super(message);
  }
}

/** A resource a provider generates (file recursion): evaluated right after its parent. */
export interface GeneratedResource {
  readonly type: string;
  readonly title: string;
  readonly parameters: Record<string, unknown>;
}

export interface ResourceProvider {
  /** `posix`, `dpkg`, `systemd`...; null for types without providers (notify). */
  readonly providerName: string | null;
  /** Children to evaluate after this resource (Puppet's eval_generate). */
  generate?(): Promise<GeneratedResource[]>;
  checkApply(apply: boolean): Promise<Change[]>;
  /** Reacts to refresh events; returns the callback name when it did something. */
  refresh?(apply: boolean): Promise<string | undefined>;
}

/** Stores replaced file content (Puppet's `backup`). */
export interface Backup {
  /** Stores `content` for `path` in the named bucket; returns the checksum used. */
  store(bucket: string, path: string, content: Buffer): Promise<string>;
}

export interface ProviderContext {
  readonly resource: CatalogResource;
  /** Parameters with Sensitive unwrapped. */
  readonly params: Record<string, unknown>;
  readonly catalog: AgentCatalog;
  readonly environment: string;
  readonly log: ResourceLog;
  readonly fileServer?: FileServerService;
  readonly fileBucket?: FileBucketService;
  readonly backup: Backup;
  readonly run: CommandRunner;
  /** Whether a path was already managed by another resource (recursion skips those). */
  readonly isManaged: (ref: string) => boolean;
}

export type ProviderFactory = (ctx: ProviderContext) => ResourceProvider;
