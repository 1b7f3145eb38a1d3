// npm run build: ES modules in dist/esm and CommonJS in dist/cjs, each with its
// type declarations, so that both NestJS 12 (ESM) and NestJS 11 (CommonJS)
// applications load a copy in their own module system.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

const tsc = (project) => execFileSync('npx', ['tsc', '-p', project], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
tsc('tsconfig.build.json');
tsc('tsconfig.build-cjs.json');
// Each output folder says which module system its .js files are in.
writeFileSync('dist/esm/package.json', '{ "type": "module" }\n');
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
