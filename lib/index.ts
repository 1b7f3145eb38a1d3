export { CassandraModule } from './cassandra.module.js';
export { InjectCassandraClient } from './cassandra.decorators.js';
export { getCassandraClientToken } from './cassandra.tokens.js';
export { CassandraConfigError, CassandraErrorCode } from './errors.js';
export type { CassandraErrorDetails } from './errors.js';
export type {
  CassandraModuleExtras,
  CassandraModuleOptions,
  CassandraOptionsFactory,
  CassandraTlsOptions,
} from './interfaces/cassandra-module-options.interface.js';
