// npm run check:package: publint and @arethetypeswrong/cli on the packed tarball, as users receive it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'cassandra-pack-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { encoding: 'utf8' }),
  );
  const tarball = join(dir, filename);
  execFileSync('npx', ['publint', '--strict', tarball], { stdio: 'inherit' });
  execFileSync('npx', ['attw', tarball], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
