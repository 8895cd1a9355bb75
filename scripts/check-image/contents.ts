/**
 * The contents half of scripts/check-image.sh: what the mounted image holds and how big it is,
 * checked against what the image promises: the bundled bot and its production dependencies, no
 * compiler, no dev dependency, no `.env`, no tests or sources, nothing of the build's mounts.
 *
 * Run: node --import tsx scripts/check-image/contents.ts IMAGE_ROOTFS BASE_ROOTFS BOT_BUDGET_MB
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const COMPILERS = ['gcc', 'cc', 'g++', 'c++', 'clang', 'make', 'python3', 'as', 'ld'];
const BIN_DIRS = ['usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin'];
const MB = 1_000_000;

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
  say(`  ok  ${what}`);
}

/** Every path under `dir` (relative to it), depth first; symbolic links are not followed. */
function walk(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    found.push(path);
    if (entry.isDirectory()) found.push(...walk(dir, path));
  }
  return found;
}

/** Bytes of the regular files at or under `dir`, each hard-linked file once (uncompressed size). */
function bytesUnder(dir: string): number {
  if (lstatSync(dir).isFile()) return lstatSync(dir).size;
  const seen = new Set<string>();
  let total = 0;
  for (const path of walk(dir)) {
    const stat = lstatSync(join(dir, path));
    const id = `${stat.dev}:${stat.ino}`;
    if (!stat.isFile() || seen.has(id)) continue;
    seen.add(id);
    total += stat.size;
  }
  return total;
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** What a failed check found, after its description. */
const listed = (found: string[]): string => (found.length === 0 ? '' : `: found ${found.join(' ')}`);

function showApp(rootfs: string): void {
  const app = join(rootfs, 'app');
  for (const name of readdirSync(app).sort()) say(`      /app/${name}  ${mb(bytesUnder(join(app, name)))}`);
  say(`      /app/dist/bot: ${readdirSync(join(app, 'dist/bot')).sort().join(', ')}`);
  const packages = walk(join(app, 'node_modules')).filter((p) => p.endsWith('package.json')).length;
  say(`      /app/node_modules: ${packages} package.json files`);
}

function checkNoCompilers(rootfs: string): void {
  const found = COMPILERS.flatMap((name) =>
    BIN_DIRS.map((dir) => join(dir, name)).filter((path) => existsSync(join(rootfs, path))),
  );
  check(found.length === 0, `no compiler or build tool (${COMPILERS.join(', ')})${listed(found)}`);
}

/** The lockfile's packages: dev-only ones must be absent, the production ones present. */
function checkDependencies(rootfs: string): void {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean }>;
  };
  const entries = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
  const dev = entries.filter(([, meta]) => meta.dev === true).map(([path]) => path);
  const present = dev.filter((path) => existsSync(join(rootfs, 'app', path)));
  check(present.length === 0, `none of the lockfile's ${dev.length} dev-only packages${listed(present)}`);
  const production = entries.filter(([, meta]) => meta.dev !== true && meta.optional !== true);
  const missing = production.filter(([path]) => !existsSync(join(rootfs, 'app', path))).map(([p]) => p);
  check(missing.length === 0, `all ${production.length} production packages${listed(missing)}`);
}

function checkNothingElse(rootfs: string, baseRootfs: string): void {
  const app = walk(join(rootfs, 'app')).filter((path) => !path.startsWith('node_modules/'));
  const envFiles = app.filter((path) => /(^|\/)\.env(\.|$)/.test(path));
  check(envFiles.length === 0, `no .env file${listed(envFiles)}`);
  const tests = app.filter((path) => /(^|\/)(tests?|__tests__)(\/|$)|\.test\.[cm]?[jt]s$/.test(path));
  check(tests.length === 0, `no tests${listed(tests)}`);
  const extra = ['src', 'commands', 'scripts', 'bench', '.git', '.npmrc', 'tsconfig.json'];
  const left = extra.filter((name) => existsSync(join(rootfs, 'app', name)));
  check(left.length === 0, `no sources, scripts or build configuration in /app${listed(left)}`);
  const home = (root: string) => readdirSync(join(root, 'root')).sort().join(' ');
  check(
    home(rootfs) === home(baseRootfs),
    `/root is the base image's (${home(rootfs)}): no build mount left`,
  );
}

function main(): void {
  const [rootfs, baseRootfs, budget] = process.argv.slice(2);
  if (rootfs === undefined || baseRootfs === undefined || budget === undefined)
    throw new Error('usage: contents.ts IMAGE_ROOTFS BASE_ROOTFS BOT_BUDGET_MB');
  const image = bytesUnder(rootfs);
  const base = bytesUnder(baseRootfs);
  say(`  size: ${mb(image)} uncompressed: the base image ${mb(base)}, the bot and tini ${mb(image - base)}`);
  showApp(rootfs);
  check(image - base <= Number(budget) * MB, `the bot adds at most ${budget} MB to the base image`);
  checkNoCompilers(rootfs);
  checkDependencies(rootfs);
  checkNothingElse(rootfs, baseRootfs);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`FAIL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
