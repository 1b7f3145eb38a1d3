import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import type { Client } from 'cassandra-driver';
import { CASSANDRA_CONNECTION, CASSANDRA_MODULE_OPTIONS } from './cassandra.constants.js';
import { getCassandraClientToken, getCassandraConnectionToken } from './cassandra.tokens.js';
import { connectionOf, openCassandraConnection } from './client/cassandra-connection.js';
import { resolveSettings } from './config/resolve-settings.js';
import type { CassandraModuleExtras, CassandraModuleOptions } from './interfaces/cassandra-module-options.interface.js';

/**
 * The providers of one client: the driver `Client`, connected at start-up, and
 * what the module keeps about it. The Client provider is the one that connects,
 * so a test that overrides its token replaces the connection as well.
 */
function clientProviders(name: string | undefined): Provider[] {
  const clientToken = getCassandraClientToken(name);
  const connectionToken = getCassandraConnectionToken(name);
  return [
    {
      provide: clientToken,
      useFactory: async (options: CassandraModuleOptions) =>
        (await openCassandraConnection(resolveSettings(options, name))).client,
      inject: [CASSANDRA_MODULE_OPTIONS],
    },
    {
      provide: connectionToken,
      // undefined when a test overrode the client with something else
      useFactory: (client: Client) => connectionOf(client),
      inject: [clientToken],
    },
    { provide: CASSANDRA_CONNECTION, useExisting: connectionToken },
  ];
}

export const { ConfigurableModuleClass: ConfigurableCassandraModule, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<CassandraModuleOptions>({ optionsInjectionToken: CASSANDRA_MODULE_OPTIONS })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createCassandraOptions')
    .setExtras<CassandraModuleExtras>({ name: undefined }, (definition, { name }) => {
      return {
        ...definition,
        // Global, like a database connection: every module can inject the client.
        global: true,
        providers: [...(definition.providers ?? []), ...clientProviders(name)],
        exports: [getCassandraClientToken(name), getCassandraConnectionToken(name)],
      };
    })
    .build();
