// CassandraModule against the local node: every way to configure it gives a
// Client that is connected over mutual TLS before the application starts.
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { Client } from 'cassandra-driver';
import {
  CassandraModule,
  InjectCassandraClient,
  getCassandraClientToken,
  type CassandraModuleOptions,
} from '../../lib/index.js';
import { issueCertificate, nodeCertificateAuthority, nodeConfig, nodeOptions } from '../support/local-node.js';

const configFrom = (values: Record<string, string>) =>
  ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => values] });

async function releaseVersion(client: Client): Promise<string> {
  const result = await client.execute('SELECT release_version FROM system.local');
  return String(result.first().get('release_version'));
}

describe('CassandraModule', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  async function start(
    ...imports: Parameters<typeof Test.createTestingModule>[0]['imports'] & object
  ): Promise<TestingModule> {
    moduleRef = await Test.createTestingModule({ imports }).compile();
    return moduleRef;
  }

  it('forRoot(options) injects a connected Client that queries over mutual TLS', async () => {
    const app = await start(CassandraModule.forRoot(nodeOptions()));
    const client = app.get(Client);
    expect(client).toBeInstanceOf(Client);
    await expect(releaseVersion(client)).resolves.toMatch(/^5\.0\./);
  });

  it('forRootAsync() with no argument reads every setting from ConfigService', async () => {
    const app = await start(configFrom(nodeConfig()), CassandraModule.forRootAsync());
    await expect(releaseVersion(app.get(Client))).resolves.toMatch(/^5\.0\./);
  });

  it('forRootAsync({ imports, inject, useFactory }) builds the options from injected services', async () => {
    const app = await start(
      CassandraModule.forRootAsync({
        imports: [configFrom({ CONTACT: nodeOptions().contactPoints[0] })],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          ...nodeOptions(),
          contactPoints: [config.getOrThrow<string>('CONTACT')],
        }),
      }),
    );
    await expect(releaseVersion(app.get(Client))).resolves.toMatch(/^5\.0\./);
  });

  @Injectable()
  class LocalNodeOptions {
    createCassandraOptions(): CassandraModuleOptions {
      return nodeOptions();
    }
  }

  it('forRootAsync({ useClass }) asks the class for the options', async () => {
    const app = await start(CassandraModule.forRootAsync({ useClass: LocalNodeOptions }));
    await expect(releaseVersion(app.get(Client))).resolves.toMatch(/^5\.0\./);
  });

  @Module({ providers: [LocalNodeOptions], exports: [LocalNodeOptions] })
  class OptionsModule {}

  it('forRootAsync({ useExisting }) reuses a provider from an imported module', async () => {
    const app = await start(CassandraModule.forRootAsync({ imports: [OptionsModule], useExisting: LocalNodeOptions }));
    await expect(releaseVersion(app.get(Client))).resolves.toMatch(/^5\.0\./);
  });

  it('runs two named clients side by side, each with its own key prefix and TLS material', async () => {
    const ca = await nodeCertificateAuthority();
    const analyticsClient = await issueCertificate(ca, {
      commonName: 'analytics',
      usage: 'client',
      keyPassphrase: 'analytics-pass',
    });
    const app = await start(
      configFrom({
        ...nodeConfig('CASSANDRA_ORDERS_'),
        ...nodeConfig('CASSANDRA_ANALYTICS_'),
        CASSANDRA_ANALYTICS_TLS_CERT_FILE: '',
        CASSANDRA_ANALYTICS_TLS_KEY_FILE: '',
        CASSANDRA_ANALYTICS_TLS_CERT_PEM: analyticsClient.certPem,
        CASSANDRA_ANALYTICS_TLS_KEY_PEM: analyticsClient.keyPem,
        CASSANDRA_ANALYTICS_TLS_KEY_PASSPHRASE: 'analytics-pass',
      }),
      CassandraModule.forRootAsync({ name: 'orders' }),
      CassandraModule.forRootAsync({ name: 'analytics' }),
    );
    const orders = app.get<Client>(getCassandraClientToken('orders'));
    const analytics = app.get<Client>(getCassandraClientToken('analytics'));
    expect(orders).not.toBe(analytics);
    await expect(releaseVersion(orders)).resolves.toMatch(/^5\.0\./);
    await expect(releaseVersion(analytics)).resolves.toMatch(/^5\.0\./);
  });

  @Injectable()
  class VersionRepository {
    constructor(
      readonly byClass: Client,
      @InjectCassandraClient() readonly byDecorator: Client,
      @InjectCassandraClient('reports') readonly named: Client,
    ) {}
  }

  it('injects the default client into a repository by its Client type and by @InjectCassandraClient()', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [CassandraModule.forRoot(nodeOptions()), CassandraModule.forRoot({ ...nodeOptions(), name: 'reports' })],
      providers: [VersionRepository],
    }).compile();
    const repository = moduleRef.get(VersionRepository);
    expect(repository.byClass).toBe(repository.byDecorator);
    expect(repository.named).not.toBe(repository.byClass);
    await expect(releaseVersion(repository.named)).resolves.toMatch(/^5\.0\./);
  });

  it('lets a test replace the client through getCassandraClientToken(), without connecting', async () => {
    const fake = { execute: () => Promise.resolve({ rows: [] }) };
    moduleRef = await Test.createTestingModule({
      imports: [CassandraModule.forRoot({ contactPoints: ['127.0.0.1:1'], localDataCenter: 'nowhere' })],
    })
      .overrideProvider(getCassandraClientToken())
      .useValue(fake)
      .compile();
    expect(moduleRef.get(Client)).toBe(fake);
  });

  it('shuts every client down when the application closes', async () => {
    const app = await start(
      CassandraModule.forRoot(nodeOptions()),
      CassandraModule.forRoot({ ...nodeOptions(), name: 'second' }),
    );
    const clients = [app.get(Client), app.get<Client>(getCassandraClientToken('second'))];
    await app.close();
    moduleRef = undefined;
    for (const client of clients) {
      await expect(client.execute('SELECT now() FROM system.local')).rejects.toThrow(/shut ?down/i);
    }
  });
});
