import type { CassandraSettings, TlsSettings } from '../config/resolve-settings.js';
import { describeSetting } from '../config/setting-keys.js';
import { resolveHostNames } from './host-names.js';
import { loadTlsMaterial, type TlsMaterial } from './load-tls-material.js';
import { createSslOptions, type SslOptions } from './ssl-options.js';

/** The TLS side of one client: its settings, the checked material in use, and the driver's sslOptions built from it. */
export interface TlsInUse {
  settings: TlsSettings;
  /** The material new connections use; replaced when watched files change. */
  material: TlsMaterial;
  /** The object the driver holds; its secure context is swapped on reload. */
  readonly sslOptions: SslOptions;
  /** Start-up warnings: weakened verification, material close to expiry, loose key file permissions. */
  warnings: string[];
}

/** Loads and checks the material, then builds sslOptions. Throws a `CassandraConfigError` before anything connects. */
export async function prepareTls(settings: CassandraSettings & { tls: TlsSettings }): Promise<TlsInUse> {
  const { tls, clientName } = settings;
  const material = loadTlsMaterial(tls, clientName);
  const sslOptions = createSslOptions(material, tls, await resolveHostNames(settings.contactPoints), clientName);
  const warnings = [...material.warnings];
  if (!tls.rejectUnauthorized) {
    warnings.push(
      `${describeSetting('tls.rejectUnauthorized', clientName)} is false: the server's certificate is not verified, so anyone on the network path can pose as the cluster. Use it for diagnosis only.`,
    );
  }
  if (!tls.verifyHostname) {
    warnings.push(
      `${describeSetting('tls.verifyHostname', clientName)} is false: any certificate from a trusted CA is accepted for any host. Prefer ${describeSetting('tls.servername', clientName)}.`,
    );
  }
  return { settings: tls, material, sslOptions, warnings };
}
