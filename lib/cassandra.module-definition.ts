import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import { CASSANDRA_CONNECTION, CASSANDRA_MODULE_OPTIONS } from './cassandra.constants.js';
import { getCassandraClientToken, getCassandraConnectionToken } from './cassandra.tokens.js';
import { CassandraConnection, openCassandraConnection } from './client/cassandra-connection.js';
import { resolveSettings } from './config/resolve-settings.js';
import type { CassandraModuleExtras, CassandraModuleOptions } from './interfaces/cassandra-module-options.interface.js';

/** The providers of one client: its connection (opened at start-up) and the driver `Client` to inject. */
function clientProviders(name: string | undefined): Provider[] {
  const connectionToken = getCassandraConnectionToken(name);
  return [
    {
      provide: connectionToken,
      useFactory: (options: CassandraModuleOptions) => openCassandraConnection(resolveSettings(options, name)),
      inject: [CASSANDRA_MODULE_OPTIONS],
    },
    {
      provide: getCassandraClientToken(name),
      useFactory: (connection: CassandraConnection) => connection.client,
      inject: [connectionToken],
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
