import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { CassandraConfigError, CassandraErrorCode } from '../errors.js';
import type { CassandraModuleOptions, CassandraTlsOptions } from '../interfaces/cassandra-module-options.interface.js';
import { configKey, describeSetting, type SettingPath } from './setting-keys.js';

/** Options from code or values from ConfigService, before parsing: any value may still be a string. */
export type SettingsInput = {
  [K in Exclude<keyof CassandraModuleOptions, 'tls' | 'driverOptions'>]?: unknown;
} & {
  tls?: { [K in keyof CassandraTlsOptions]?: unknown };
  driverOptions?: CassandraModuleOptions['driverOptions'];
};

/** Where one piece of PEM material comes from. */
export type PemSource =
  { setting: SettingPath; kind: 'file'; path: string } | { setting: SettingPath; kind: 'inline'; text: string };

export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';

export interface TlsSettings {
  /** Empty: Node's built-in root CAs. */
  ca: PemSource[];
  cert?: PemSource;
  key?: PemSource;
  keyPassphrase?: string;
  rejectUnauthorized: boolean;
  verifyHostname: boolean;
  servername?: string;
  minVersion: TlsVersion;
  /** 0: files are not watched. */
  watchIntervalMs: number;
}

/** One client's settings, parsed, checked and with every default applied. */
export interface CassandraSettings {
  clientName?: string;
  /** `host:port` (IPv6 hosts in brackets). */
  contactPoints: string[];
  localDataCenter: string;
  keyspace?: string;
  credentials?: { username: string; password: string };
  tls?: TlsSettings;
  connectRetries: number;
  connectRetryDelayMs: number;
  driverOptions: NonNullable<CassandraModuleOptions['driverOptions']>;
}

export const DEFAULT_PORT = 9042;
export const DEFAULT_CONNECT_RETRIES = 3;
export const DEFAULT_CONNECT_RETRY_DELAY_MS = 1000;
export const DEFAULT_TLS_WATCH_INTERVAL_MS = 1000;
const PORT_RANGE = { min: 1, max: 65535 };
const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];
const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

/** Parses the values of one client; every error names the setting. */
class SettingsParser {
  constructor(private readonly clientName?: string) {}

  invalid(path: SettingPath, problem: string): CassandraConfigError {
    return new CassandraConfigError(
      CassandraErrorCode.CONFIG_INVALID,
      `${describeSetting(path, this.clientName)} ${problem}`,
      {
        key: configKey(path, this.clientName),
      },
    );
  }

  missing(path: SettingPath, why: string): CassandraConfigError {
    return new CassandraConfigError(
      CassandraErrorCode.CONFIG_MISSING,
      `${describeSetting(path, this.clientName)} is required ${why}.`,
      { key: configKey(path, this.clientName) },
    );
  }

  /** Unset, or an empty string as an environment leaves it: undefined. */
  text(value: unknown, path: SettingPath): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.invalid(path, `must be a string, got ${typeof value}.`);
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  list(value: unknown, path: SettingPath): string[] {
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => (this.text(item, path) ?? '').split(',')).flatMap((item) => item.trim() || []);
  }

  boolean(value: unknown, path: SettingPath): boolean | undefined {
    if (typeof value === 'boolean') return value;
    const word = this.text(value, path)?.toLowerCase();
    if (word === undefined) return undefined;
    if (TRUE_WORDS.includes(word)) return true;
    if (FALSE_WORDS.includes(word)) return false;
    throw this.invalid(path, `must be true or false (also accepted: 1/0, yes/no), got "${word}".`);
  }

  integer(value: unknown, path: SettingPath, { min, max }: { min: number; max: number }): number | undefined {
    const raw = typeof value === 'number' ? String(value) : this.text(value, path);
    if (raw === undefined) return undefined;
    const number = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      throw this.invalid(path, `must be a whole number from ${min} to ${max}, got "${raw}".`);
    }
    return number;
  }

  /** `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address, to `host:port`. */
  contactPoint(entry: string, defaultPort: number): string {
    if (isIP(entry) === 6) return `[${entry}]:${defaultPort}`;
    const match = /^(\[[^\]]+\]|[^:[\]]+)(?::([^:]*))?$/.exec(entry);
    if (!match) throw this.invalid('contactPoints', `has an entry that is neither host nor host:port: "${entry}".`);
    const [, host, port] = match;
    if (port === undefined) return `${host}:${defaultPort}`;
    if (!/^\d+$/.test(port))
      throw this.invalid('contactPoints', `has an entry with a port that is not a number: "${entry}".`);
    return `${host}:${this.integer(port, 'contactPoints', PORT_RANGE)}`;
  }

  pemSources(file: unknown, inline: unknown, fileSetting: SettingPath, pemSetting: SettingPath): PemSource[] {
    const files = this.list(file, fileSetting);
    const text = this.text(inline, pemSetting);
    if (files.length > 0 && text !== undefined) {
      throw this.invalid(
        pemSetting,
        `and ${configKey(fileSetting, this.clientName)} are both set: give the material one way.`,
      );
    }
    if (text !== undefined) {
      // Secrets injected as environment variables often carry "\n" instead of line breaks.
      return [{ setting: pemSetting, kind: 'inline', text: text.replace(/\\n/g, '\n') }];
    }
    return files.map((path) => ({ setting: fileSetting, kind: 'file', path: resolve(path) }));
  }
}

function resolveTlsSettings(tls: NonNullable<SettingsInput['tls']>, parse: SettingsParser): TlsSettings | undefined {
  const ca = parse.pemSources(tls.caFile, tls.caPem, 'tls.caFile', 'tls.caPem');
  const [cert, ...extraCerts] = parse.pemSources(tls.certFile, tls.certPem, 'tls.certFile', 'tls.certPem');
  const [key, ...extraKeys] = parse.pemSources(tls.keyFile, tls.keyPem, 'tls.keyFile', 'tls.keyPem');
  if (extraCerts.length > 0) throw parse.invalid('tls.certFile', 'takes one file (the chain goes inside it).');
  if (extraKeys.length > 0) throw parse.invalid('tls.keyFile', 'takes one file.');
  const enabled =
    parse.boolean(tls.enabled, 'tls.enabled') ?? (ca.length > 0 || cert !== undefined || key !== undefined);
  if (!enabled) return undefined;

  if (cert && !key) throw parse.missing('tls.keyFile', 'with a client certificate (or tls.keyPem)');
  if (key && !cert) throw parse.missing('tls.certFile', 'with a client private key (or tls.certPem)');
  const minVersion = parse.text(tls.minVersion, 'tls.minVersion') ?? 'TLSv1.2';
  if (!TLS_VERSIONS.includes(minVersion as TlsVersion)) {
    throw parse.invalid(
      'tls.minVersion',
      `must be ${TLS_VERSIONS.join(' or ')} (older versions are not secure), got "${minVersion}".`,
    );
  }
  return {
    ca,
    cert,
    key,
    keyPassphrase: typeof tls.keyPassphrase === 'string' && tls.keyPassphrase !== '' ? tls.keyPassphrase : undefined,
    rejectUnauthorized: parse.boolean(tls.rejectUnauthorized, 'tls.rejectUnauthorized') ?? true,
    verifyHostname: parse.boolean(tls.verifyHostname, 'tls.verifyHostname') ?? true,
    servername: parse.text(tls.servername, 'tls.servername'),
    minVersion: minVersion as TlsVersion,
    watchIntervalMs:
      parse.integer(tls.watchIntervalMs, 'tls.watchIntervalMs', { min: 0, max: 3_600_000 }) ??
      DEFAULT_TLS_WATCH_INTERVAL_MS,
  };
}

/**
 * Parses and checks one client's settings, from code or from ConfigService
 * alike, and applies the defaults. Throws a `CassandraConfigError` naming the key.
 */
export function resolveSettings(input: SettingsInput, clientName?: string): CassandraSettings {
  const parse = new SettingsParser(clientName);
  const port = parse.integer(input.port, 'port', PORT_RANGE) ?? DEFAULT_PORT;
  const contactPoints = parse
    .list(input.contactPoints, 'contactPoints')
    .map((entry) => parse.contactPoint(entry, port));
  if (contactPoints.length === 0) throw parse.missing('contactPoints', 'to know which Cassandra nodes to connect to');
  const localDataCenter = parse.text(input.localDataCenter, 'localDataCenter');
  if (!localDataCenter) {
    throw parse.missing('localDataCenter', 'by the driver: the name of the datacenter this application runs next to');
  }
  const username = parse.text(input.username, 'username');
  const password = typeof input.password === 'string' && input.password !== '' ? input.password : undefined;
  if (username !== undefined && password === undefined) throw parse.missing('password', 'with a username');
  if (password !== undefined && username === undefined) throw parse.missing('username', 'with a password');

  return {
    clientName,
    contactPoints,
    localDataCenter,
    keyspace: parse.text(input.keyspace, 'keyspace'),
    credentials: username !== undefined && password !== undefined ? { username, password } : undefined,
    tls: resolveTlsSettings(input.tls ?? {}, parse),
    connectRetries:
      parse.integer(input.connectRetries, 'connectRetries', { min: 1, max: 100 }) ?? DEFAULT_CONNECT_RETRIES,
    connectRetryDelayMs:
      parse.integer(input.connectRetryDelayMs, 'connectRetryDelayMs', { min: 0, max: 600_000 }) ??
      DEFAULT_CONNECT_RETRY_DELAY_MS,
    driverOptions: input.driverOptions ?? {},
  };
}
