import { readFileSync } from 'node:fs';
import { configKey, describeSetting } from '../config/setting-keys.js';
import type { PemSource } from '../config/resolve-settings.js';
import { CassandraConfigError, CassandraErrorCode } from '../errors.js';

export interface PemBlock {
  /** The label after BEGIN, e.g. `CERTIFICATE`, `PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`. */
  type: string;
  pem: string;
}

/** A PEM source with its text. */
export interface PemText {
  source: PemSource;
  text: string;
}

// Splitting a text into its PEM blocks is all that is done by hand: the blocks
// are parsed by Node's crypto (X509Certificate, createPrivateKey).
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?\r?\n-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map(([pem, type]) => ({ type, pem: `${pem}\n` }));
}

const READ_FAILURES: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read by this process (permission denied)',
  EPERM: 'cannot be read by this process (operation not permitted)',
  EISDIR: 'is a directory, not a file',
};

/** `CASSANDRA_TLS_CA_FILE (option tls.caFile) file /etc/ssl/ca.pem`, or the setting alone for inline PEM. */
export function describePemSource(source: PemSource, clientName?: string): string {
  const setting = describeSetting(source.setting, clientName);
  return source.kind === 'file' ? `${setting} file ${source.path}` : setting;
}

/** An error about one PEM source: names its key and file, never its content. */
export function pemSourceError(
  code: CassandraErrorCode,
  source: PemSource,
  clientName: string | undefined,
  problem: string,
): CassandraConfigError {
  return new CassandraConfigError(code, `${describePemSource(source, clientName)} ${problem}`, {
    key: configKey(source.setting, clientName),
    file: source.kind === 'file' ? source.path : undefined,
  });
}

/** Reads a PEM file (or takes inline PEM); a file that cannot be read is a `TLS_FILE_UNREADABLE` error. */
export function readPemSource(source: PemSource, clientName?: string): PemText {
  if (source.kind === 'inline') return { source, text: source.text };
  try {
    return { source, text: readFileSync(source.path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw pemSourceError(
      CassandraErrorCode.TLS_FILE_UNREADABLE,
      source,
      clientName,
      `${READ_FAILURES[code] ?? `cannot be read (${code})`}. Check the path (relative paths resolve against ${process.cwd()}) and the file's permissions.`,
    );
  }
}
