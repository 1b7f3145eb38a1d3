import type { ConfigService } from '@nestjs/config';
import { configKey, SETTING_KEY_SUFFIXES, type SettingPath } from './setting-keys.js';
import type { SettingsInput } from './resolve-settings.js';

/**
 * Collects a client's `CASSANDRA_*` values from ConfigService into the shape of
 * the module options. Values stay as ConfigService holds them (usually strings):
 * `resolveSettings` parses and checks them, the same way as options from code.
 */
export function readSettingsFromConfig(config: ConfigService, clientName?: string): SettingsInput {
  const input: SettingsInput & { tls: Record<string, unknown> } = { tls: {} };
  for (const path of Object.keys(SETTING_KEY_SUFFIXES) as SettingPath[]) {
    const value = config.get<unknown>(configKey(path, clientName));
    if (value === undefined) continue;
    if (path.startsWith('tls.')) input.tls[path.slice('tls.'.length)] = value;
    else (input as Record<string, unknown>)[path] = value;
  }
  return input;
}
