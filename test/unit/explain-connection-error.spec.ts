// How a failed connect() is explained, for failures the local node cannot
// produce (it has one valid server certificate and no password authentication).
import { errors as driverErrors } from 'cassandra-driver';
import { explainConnectionError } from '../../lib/client/explain-connection-error.js';
import { resolveSettings } from '../../lib/config/resolve-settings.js';

const settings = resolveSettings({
  contactPoints: '10.0.0.1',
  localDataCenter: 'dc1',
  username: 'app',
  password: 'secret',
  tls: { enabled: true },
});
const failedHost = (error: Error) => new driverErrors.NoHostAvailableError({ '10.0.0.1:9042': error });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a failed connection', () => {
  it.each([
    [
      'an expired server certificate',
      'TLS_SERVER_CERT_EXPIRED',
      withCode('certificate has expired', 'CERT_HAS_EXPIRED'),
      false,
    ],
    [
      'a server certificate not valid yet',
      'TLS_SERVER_CERT_EXPIRED',
      withCode('certificate is not yet valid', 'CERT_NOT_YET_VALID'),
      false,
    ],
    [
      'a self-signed server certificate',
      'TLS_SERVER_UNTRUSTED',
      withCode('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
      false,
    ],
    [
      'refused credentials',
      'AUTHENTICATION_FAILED',
      new driverErrors.AuthenticationError('Provided username app and/or password are incorrect'),
      false,
    ],
    [
      'no TLS version in common',
      'CONFIG_INVALID',
      withCode('unsupported protocol', 'ERR_SSL_UNSUPPORTED_PROTOCOL'),
      false,
    ],
    ['a timed-out connection', 'UNREACHABLE', new driverErrors.OperationTimedOutError('Connection timeout'), true],
  ])('with %s is explained as %s', async (_, code, error, transient) => {
    const [failure] = await explainConnectionError(failedHost(error), settings);
    expect(failure).toMatchObject({ host: '10.0.0.1:9042', code, transient });
    expect(failure.explanation).not.toContain('secret');
  });

  it('with names that do not resolve yet is worth another attempt', async () => {
    const failures = await explainConnectionError(
      new driverErrors.NoHostAvailableError({}, 'No host could be resolved'),
      settings,
    );
    expect(failures).toEqual([
      expect.objectContaining({ host: '10.0.0.1:9042', code: 'UNREACHABLE', transient: true }),
    ]);
  });
});
