// Throw-away X.509 material for the local node and for the tests: a CA, server
// and client certificates, and the broken variants the tests need (expired,
// not yet valid, wrong host, other CA, encrypted key). Never real secrets.
import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const DAY_MS = 24 * 60 * 60 * 1000;
// ECDSA P-256: fast to generate, and accepted by Node and by Cassandra's PEM
// SSL context factory alike.
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

/**
 * @typedef {object} Validity
 * @property {Date} [notBefore] defaults to one hour ago (clock skew)
 * @property {Date} [notAfter] defaults to `days` after notBefore
 * @property {number} [days] defaults to 365
 *
 * @typedef {object} IssuedMaterial
 * @property {string} certPem the certificate, PEM
 * @property {string} keyPem the private key, PKCS#8 PEM (encrypted when a passphrase was given)
 * @property {CryptoKeyPair} keys
 * @property {x509.X509Certificate} certificate
 *
 * @typedef {IssuedMaterial & { name: string }} CertificateAuthority
 */

/** @param {Validity} validity */
function validityDates({ notBefore, notAfter, days = 365 } = {}) {
  const start = notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
  return { notBefore: start, notAfter: notAfter ?? new Date(start.getTime() + days * DAY_MS) };
}

/**
 * @param {CryptoKey} privateKey
 * @param {string} [passphrase] when given, the key is exported encrypted (PKCS#8, AES-256-CBC)
 */
async function exportPrivateKey(privateKey, passphrase) {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', privateKey));
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return passphrase
    ? /** @type {string} */ (key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }))
    : /** @type {string} */ (key.export({ type: 'pkcs8', format: 'pem' }));
}

function generateKeys() {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/**
 * A self-signed certificate authority.
 * @param {{ commonName?: string } & Validity} [options]
 * @returns {Promise<CertificateAuthority>}
 */
export async function createCertificateAuthority({ commonName = 'Test CA', ...validity } = {}) {
  const keys = await generateKeys();
  const name = `CN=${commonName}`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: KEY_ALGORITHM,
    ...validityDates({ days: 3650, ...validity }),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    name,
    keys,
    certificate,
    certPem: certificate.toString('pem'),
    keyPem: await exportPrivateKey(keys.privateKey),
  };
}

/**
 * A leaf certificate signed by `ca`.
 * @param {CertificateAuthority} ca
 * @param {{ commonName: string, usage: 'server' | 'client', dnsNames?: string[], ipAddresses?: string[],
 *           keyPassphrase?: string } & Validity} options
 * @returns {Promise<IssuedMaterial>}
 */
export async function issueCertificate(
  ca,
  { commonName, usage, dnsNames = [], ipAddresses = [], keyPassphrase, ...validity },
) {
  const keys = await generateKeys();
  const altNames = [
    ...dnsNames.map((value) => ({ type: /** @type {const} */ ('dns'), value })),
    ...ipAddresses.map((value) => ({ type: /** @type {const} */ ('ip'), value })),
  ];
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([
      usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
    ]),
    await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
  ];
  if (altNames.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(altNames));
  const certificate = await x509.X509CertificateGenerator.create({
    subject: `CN=${commonName}`,
    issuer: ca.name,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: KEY_ALGORITHM,
    ...validityDates(validity),
    extensions,
  });
  return {
    keys,
    certificate,
    certPem: certificate.toString('pem'),
    keyPem: await exportPrivateKey(keys.privateKey, keyPassphrase),
  };
}

/**
 * Reads back a CA written earlier (its certificate and unencrypted key), so that
 * tests can issue more certificates that the local node trusts.
 * @param {string} certPem
 * @param {string} keyPem
 * @returns {Promise<CertificateAuthority>}
 */
export async function loadCertificateAuthority(certPem, keyPem) {
  const certificate = new x509.X509Certificate(certPem);
  const pkcs8 = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, KEY_ALGORITHM, true, ['sign']);
  const publicKey = await certificate.publicKey.export(KEY_ALGORITHM, ['verify'], webcrypto);
  return { name: certificate.subject, keys: { privateKey, publicKey }, certificate, certPem, keyPem };
}
