/** How the default client is named in logs and health output. */
export const DEFAULT_CLIENT_NAME = 'default';
/** Module-local alias of the client's connection, for the module's own shutdown hook. */
export const CASSANDRA_CONNECTION = Symbol('CASSANDRA_CONNECTION');
/** The options of one `forRoot`/`forRootAsync` call, local to the module it creates. */
export const CASSANDRA_MODULE_OPTIONS = Symbol('CASSANDRA_MODULE_OPTIONS');
