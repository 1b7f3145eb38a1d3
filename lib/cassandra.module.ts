import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CASSANDRA_CONNECTION } from './cassandra.constants.js';
import { ASYNC_OPTIONS_TYPE, ConfigurableCassandraModule } from './cassandra.module-definition.js';
import type { CassandraConnection } from './client/cassandra-connection.js';
import { readSettingsFromConfig } from './config/read-config.js';
import type { CassandraModuleOptions } from './interfaces/cassandra-module-options.interface.js';

/**
 * Connects a cassandra-driver `Client` at start-up, over TLS checked before the
 * first byte is sent, and shuts it down with the application.
 *
 * - `forRoot(options)`: settings in code.
 * - `forRootAsync()`: every setting from ConfigService (`CASSANDRA_*` keys, or
 *   `CASSANDRA_<NAME>_*` with `name`).
 * - `forRootAsync({ useFactory | useClass | useExisting, imports, inject })`.
 *
 * Each call with a different `name` registers one more client.
 */
@Module({})
export class CassandraModule extends ConfigurableCassandraModule implements OnApplicationShutdown {
  constructor(@Inject(CASSANDRA_CONNECTION) private readonly connection: CassandraConnection | undefined) {
    super();
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE = {}): DynamicModule {
    if (options.useFactory || options.useClass || options.useExisting) return super.forRootAsync(options);
    return super.forRootAsync({
      ...options,
      imports: [ConfigModule, ...(options.imports ?? [])],
      inject: [ConfigService],
      // The values are parsed and checked with the options from code, by resolveSettings.
      useFactory: (config: ConfigService) => readSettingsFromConfig(config, options.name) as CassandraModuleOptions,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
