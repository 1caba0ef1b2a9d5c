// The notify type: logs its message; always "out of sync".
import type { Change, ProviderContext, ResourceProvider } from './types.js';

export class NotifyProvider implements ResourceProvider {
  readonly providerName = null;
  constructor(private readonly ctx: ProviderContext) {}

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const raw = p.message ?? p.name ?? this.ctx.resource.title;
    // Structured messages: JSON text (Puppet prints Ruby's inspect here).
    const message = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (apply) {
      if (p.withpath === true || p.withpath === 'true') this.ctx.log.notice(message);
      else this.ctx.log.plain(message);
    }
    return [{ property: 'message', previous: 'absent', desired: message, message: `defined 'message' as '${message}'`, name: 'message_changed' }];
  }
}
