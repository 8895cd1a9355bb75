/**
 * The contents half of scripts/check-image.sh: what the image holds and how big it is, checked
 * against what the image promises: the bundled bot and the dependencies it loads, Node without
 * npm, no compiler, no dev dependency, no `.env`, no tests or sources, nothing of the build's
 * mounts, and at most IMAGE_BUDGET_MB in all.
 *
 * Run: node --import tsx scripts/check-image/contents.ts IMAGE_ROOTFS BASE_ROOTFS IMAGE_BUDGET_MB
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlinedPackages, type Lockfile } from '../bundle.js';
import { check, say } from './report.js';

const COMPILERS = ['gcc', 'cc', 'g++', 'c++', 'clang', 'make', 'python3', 'as', 'ld'];
const PACKAGE_MANAGERS = ['npm', 'npx', 'yarn', 'corepack'];
const BIN_DIRS = ['usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin'];
const MB = 1_000_000;

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
const listed = (found: string[], verb = 'found'): string =>
  found.length === 0 ? '' : `: ${verb} ${found.join(' ')}`;

function showApp(rootfs: string): void {
  const app = join(rootfs, 'app');
  for (const name of readdirSync(app).sort()) say(`      /app/${name}  ${mb(bytesUnder(join(app, name)))}`);
  say(`      /app/dist/bot: ${readdirSync(join(app, 'dist/bot')).sort().join(', ')}`);
  const packages = walk(join(app, 'node_modules')).filter((p) => p.endsWith('package.json')).length;
  say(`      /app/node_modules: ${packages} package.json files`);
}

/** The programs of `names` found in the image's bin directories. */
function programs(rootfs: string, names: string[]): string[] {
  return names.flatMap((name) =>
    BIN_DIRS.map((dir) => join(dir, name)).filter((path) => existsSync(join(rootfs, path))),
  );
}

function checkNoBuildTools(rootfs: string): void {
  const compilers = programs(rootfs, COMPILERS);
  check(compilers.length === 0, `no compiler or build tool (${COMPILERS.join(', ')})${listed(compilers)}`);
  const managers = programs(rootfs, PACKAGE_MANAGERS);
  check(
    managers.length === 0,
    `Node without a package manager (${PACKAGE_MANAGERS.join(', ')})${listed(managers)}`,
  );
}

/**
 * The lockfile's packages: dev-only ones and those the bundle carries must be absent, every other
 * production one present.
 */
function checkDependencies(rootfs: string): void {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
  const entries = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
  const inApp = (path: string) => existsSync(join(rootfs, 'app', path));
  const dev = entries.filter(([, meta]) => meta.dev === true).map(([path]) => path);
  const devPresent = dev.filter(inApp);
  check(
    devPresent.length === 0,
    `none of the lockfile's ${dev.length} dev-only packages${listed(devPresent)}`,
  );
  const inlined = inlinedPackages(lock);
  const inlinedPresent = inlined.filter(inApp);
  check(
    inlinedPresent.length === 0,
    `none of the packages in the bundle (${inlined.join(', ')})${listed(inlinedPresent)}`,
  );
  const production = entries
    .filter(([path, meta]) => meta.dev !== true && meta.optional !== true && !inlined.includes(path))
    .map(([path]) => path);
  const missing = production.filter((path) => !inApp(path));
  check(
    missing.length === 0,
    `the ${production.length} other production packages${listed(missing, 'missing')}`,
  );
}

/**
 * Every module of the bundle but its entry points, loaded by the image's Node: each of them, the
 * ones loaded only on demand too (the Redis store), finds the packages it imports in what the
 * image kept of node_modules.
 */
function checkModulesLoad(rootfs: string): void {
  const dist = '/app/dist/bot';
  const entries = new Set(['main.js', 'deploy-commands.js']);
  const modules = readdirSync(join(rootfs, dist)).filter(
    (name) => name.endsWith('.js') && !entries.has(name),
  );
  const script = `for (const m of ${JSON.stringify(modules)}) await import('${dist}/' + m);`;
  const result = spawnSync('chroot', [rootfs, '/usr/local/bin/node', '--input-type=module', '-e', script], {
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  check(
    result.status === 0,
    `the image's Node loads ${modules.join(', ')}${output === '' ? '' : `: ${output}`}`,
  );
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

function showSize(rootfs: string, baseRootfs: string, budget: number): void {
  const image = bytesUnder(rootfs);
  const base = bytesUnder(baseRootfs);
  const node = bytesUnder(join(rootfs, 'usr/local/bin/node'));
  const app = bytesUnder(join(rootfs, 'app'));
  say(`  size: ${mb(image)} uncompressed`);
  say(`      the base image (Debian slim)  ${mb(base)}`);
  say(`      Node (/usr/local/bin/node)    ${mb(node)}`);
  say(`      the bot (/app)                ${mb(app)}`);
  say(`      tini, libatomic1, the user    ${mb(image - base - node - app)}`);
  showApp(rootfs);
  check(image <= budget * MB, `the image is at most ${budget} MB`);
}

function main(): void {
  const [rootfs, baseRootfs, budget] = process.argv.slice(2);
  if (rootfs === undefined || baseRootfs === undefined || budget === undefined)
    throw new Error('usage: contents.ts IMAGE_ROOTFS BASE_ROOTFS IMAGE_BUDGET_MB');
  showSize(rootfs, baseRootfs, Number(budget));
  checkNoBuildTools(rootfs);
  checkDependencies(rootfs);
  checkModulesLoad(rootfs);
  checkNothingElse(rootfs, baseRootfs);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`FAIL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
