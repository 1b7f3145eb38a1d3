// The `<package>/health` entry point: kept apart so that @nestjs/terminus stays an optional peer dependency.
export { CassandraHealthIndicator, type CassandraPingCheckOptions } from './cassandra.health.js';
