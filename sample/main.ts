import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

const app = await NestFactory.create(AppModule);
// Closes the Cassandra client on SIGTERM/SIGINT (CassandraModule's onApplicationShutdown).
app.enableShutdownHooks();
const port = Number(process.env.PORT ?? 3000);
await app.listen(port);
console.log(`Sample application on http://localhost:${port} (try /health and /notes)`);
