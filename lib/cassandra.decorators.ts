import { Inject } from '@nestjs/common';
import { getCassandraClientToken } from './cassandra.tokens.js';

/** Injects the connected driver `Client`: the default one, or the one registered with `name`. */
export const InjectCassandraClient = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getCassandraClientToken(name));
