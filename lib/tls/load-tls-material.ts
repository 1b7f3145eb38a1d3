import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import type { PemSource, TlsSettings } from '../config/resolve-settings.js';
import { describeSetting } from '../config/setting-keys.js';
import { CassandraErrorCode } from '../errors.js';
import { describePemSource, pemBlocks, pemSourceError, readPemSource, type PemText } from './pem-source.js';

/** Checked TLS material, ready for `tls.createSecureContext`. */
export interface TlsMaterial {
  /** Trusted CA certificates (PEM); undefined: Node's built-in root CAs. */
  ca?: string[];
  /** Client certificate chain (PEM), leaf first. */
  cert?: string;
  /** Client private key (PEM, possibly encrypted) and its passphrase. */
  key?: string;
  passphrase?: string;
  /** The client certificate, for its expiry. */
  clientCertificate?: X509Certificate;
  /** What is legal but worth a look, to log at start-up or on reload. */
  warnings: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A client certificate closer than this to its end is worth a warning. */
const EXPIRY_WARNING_DAYS = 14;
const PRIVATE_KEY_TYPES = [
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
];

/** `CN=client, O=Example`: the subject on one line, for messages. */
export function subjectOf(certificate: X509Certificate): string {
  return certificate.subject.replace(/\n/g, ', ');
}

/** Whole days from `now` until the certificate's end; negative once it has expired. */
export function daysUntilExpiry(certificate: X509Certificate, now = new Date()): number {
  return Math.floor((new Date(certificate.validTo).getTime() - now.getTime()) / DAY_MS);
}

/** The kinds of PEM block found, for messages: `CERTIFICATE, PRIVATE KEY`. */
function blockTypes(blocks: { type: string }[]): string {
  return [...new Set(blocks.map((block) => block.type))].join(', ');
}

function blocksOf({ source, text }: PemText, clientName: string | undefined) {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) {
    throw pemSourceError(
      CassandraErrorCode.TLS_NOT_PEM,
      source,
      clientName,
      'holds no PEM data (no "-----BEGIN ...-----" block). Give PEM text; DER or PKCS#12 files convert with openssl (`openssl x509 -inform der`, `openssl pkcs12 -nodes`).',
    );
  }
  return blocks;
}

function readCertificates(source: PemSource, clientName: string | undefined): X509Certificate[] {
  const blocks = blocksOf(readPemSource(source, clientName), clientName);
  const certificates = blocks.filter((block) => block.type === 'CERTIFICATE');
  if (certificates.length === 0) {
    const found = blockTypes(blocks);
    throw pemSourceError(
      CassandraErrorCode.TLS_WRONG_PEM_TYPE,
      source,
      clientName,
      `holds ${found} but no CERTIFICATE block: this setting takes certificates${found.includes('PRIVATE KEY') ? ' (is a key file given where a certificate belongs?)' : ''}.`,
    );
  }
  return certificates.map((block, index) => {
    try {
      return new X509Certificate(block.pem);
    } catch {
      throw pemSourceError(
        CassandraErrorCode.TLS_NOT_PEM,
        source,
        clientName,
        `holds a CERTIFICATE block (number ${index + 1}) that is not a valid X.509 certificate; the file may be damaged or truncated.`,
      );
    }
  });
}

function isEncrypted(keyPem: string): boolean {
  return keyPem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /^Proc-Type: 4,ENCRYPTED/m.test(keyPem);
}

function readPrivateKey(
  tls: TlsSettings,
  source: PemSource,
  clientName: string | undefined,
): { pem: string; key: KeyObject } {
  const blocks = blocksOf(readPemSource(source, clientName), clientName);
  const keyBlock = blocks.find((block) => PRIVATE_KEY_TYPES.includes(block.type));
  if (!keyBlock) {
    const found = blockTypes(blocks);
    throw pemSourceError(
      CassandraErrorCode.TLS_WRONG_PEM_TYPE,
      source,
      clientName,
      `holds ${found} but no private key block: this setting takes the client's private key${found.includes('CERTIFICATE') ? ' (are the certificate and key settings swapped?)' : ''}.`,
    );
  }
  const encrypted = isEncrypted(keyBlock.pem);
  if (encrypted && tls.keyPassphrase === undefined) {
    throw pemSourceError(
      CassandraErrorCode.TLS_KEY_PASSPHRASE_MISSING,
      source,
      clientName,
      `holds an encrypted private key and no passphrase is set: set ${describePassphrase(clientName)}.`,
    );
  }
  try {
    return { pem: keyBlock.pem, key: createPrivateKey({ key: keyBlock.pem, passphrase: tls.keyPassphrase }) };
  } catch {
    throw encrypted
      ? pemSourceError(
          CassandraErrorCode.TLS_KEY_PASSPHRASE_WRONG,
          source,
          clientName,
          `could not be decrypted with the configured ${describePassphrase(clientName)}: the passphrase is wrong.`,
        )
      : pemSourceError(
          CassandraErrorCode.TLS_NOT_PEM,
          source,
          clientName,
          `holds a ${keyBlock.type} block that is not a valid private key; the file may be damaged or truncated.`,
        );
  }
}

function describePassphrase(clientName: string | undefined): string {
  return describeSetting('tls.keyPassphrase', clientName);
}

function checkValidity(certificate: X509Certificate, source: PemSource, clientName: string | undefined, now: Date) {
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (now < notBefore) {
    throw pemSourceError(
      CassandraErrorCode.TLS_CERT_NOT_YET_VALID,
      source,
      clientName,
      `holds a client certificate (${subjectOf(certificate)}) that is not valid before ${notBefore.toISOString()}. Check this machine's clock, or issue a certificate valid from now.`,
    );
  }
  if (now > notAfter) {
    throw pemSourceError(
      CassandraErrorCode.TLS_CERT_EXPIRED,
      source,
      clientName,
      `holds a client certificate (${subjectOf(certificate)}) that expired on ${notAfter.toISOString()}. Renew it and point the setting at the new file.`,
    );
  }
}

/** Warnings about a private key file that any user of the machine can read. */
function keyFilePermissionWarnings(source: PemSource, clientName: string | undefined): string[] {
  if (source.kind !== 'file' || process.platform === 'win32') return [];
  const readableByOthers = (statSync(source.path).mode & 0o004) !== 0;
  return readableByOthers
    ? [`${describePemSource(source, clientName)} is readable by every user of this machine; restrict it (chmod 600).`]
    : [];
}

/**
 * Reads and checks the TLS material of one client before anything connects:
 * every file parses, holds the right kind of PEM block, the passphrase opens the
 * key, the key belongs to the certificate, and the certificate is valid now.
 * Throws a `CassandraConfigError` naming the key and the file.
 */
export function loadTlsMaterial(tls: TlsSettings, clientName?: string, now = new Date()): TlsMaterial {
  const warnings: string[] = [];
  const ca = tls.ca.flatMap((source) => readCertificates(source, clientName));
  for (const certificate of ca) {
    if (now > new Date(certificate.validTo)) {
      warnings.push(`A trusted CA certificate (${subjectOf(certificate)}) expired on ${certificate.validTo}.`);
    }
  }
  const material: TlsMaterial = {
    ca: ca.length > 0 ? ca.map((certificate) => certificate.toString()) : undefined,
    warnings,
  };
  if (!tls.cert || !tls.key) return material;

  const chain = readCertificates(tls.cert, clientName);
  const [clientCertificate] = chain;
  const { pem: keyPem, key } = readPrivateKey(tls, tls.key, clientName);
  if (!clientCertificate.checkPrivateKey(key)) {
    throw pemSourceError(
      CassandraErrorCode.TLS_KEY_MISMATCH,
      tls.key,
      clientName,
      `does not belong to the client certificate in ${describePemSource(tls.cert, clientName)} (${subjectOf(clientCertificate)}). Give the key that the certificate was issued for.`,
    );
  }
  checkValidity(clientCertificate, tls.cert, clientName, now);
  const daysLeft = daysUntilExpiry(clientCertificate, now);
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    warnings.push(
      `The client certificate in ${describePemSource(tls.cert, clientName)} expires in ${daysLeft} day(s), on ${clientCertificate.validTo}.`,
    );
  }
  warnings.push(...keyFilePermissionWarnings(tls.key, clientName));
  return {
    ...material,
    cert: chain.map((certificate) => certificate.toString()).join(''),
    key: keyPem,
    passphrase: tls.keyPassphrase,
    clientCertificate,
  };
}
