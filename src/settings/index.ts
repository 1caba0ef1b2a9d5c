// Settings: puppet.conf + command-line flags -> one frozen object, resolved once.
export { resolveSettings, parseDuration, SettingsError } from './resolve.js';
export type { Settings, SettingValue, RunMode, OptionSpec, ResolveOptions, Resolved } from './resolve.js';
export { settingDefinitions, settingAliases } from './definitions.js';
export { parsePuppetConf } from './puppet-conf.js';
