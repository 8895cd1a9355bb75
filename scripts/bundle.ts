/**
 * The second half of `npm run build` (the first is `tsc`, which only type-checks): bundles the bot
 * into `dist/bot/`, which `npm start`, `npm run deploy-commands`, the Docker image and the
 * end-to-end tests run.
 *
 * Why a bundle: Node loads an ES module graph file by file (resolve, read, parse, link each), and
 * zod alone is about 300 files, its locales among them, loaded whether or not they are used. The
 * bot's own code, zod and keyv become a few files, and zod's unused parts are left out, so the
 * bot starts about as fast as a bare discord.js client.
 *
 * Every other dependency stays an ordinary `import` resolved from node_modules: discord.js (its
 * WebSocket workers are loaded by file path), better-sqlite3 (native), @redis/client (loaded only
 * when STORE_URL is a Redis URL) and the CommonJS packages (pino, dotenv), which an ES module
 * bundle could only inline with a `require` shim. A dependency added later is external too,
 * unless it is added to INLINED.
 *
 * Run: `node --import tsx scripts/bundle.ts` (tests/global-setup.ts calls bundle() directly).
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** ES module packages inlined into the bundle. */
export const INLINED: readonly string[] = ['zod', 'keyv'];

/** The entry points, relative to the repository's root; each becomes `${OUT_DIR}/<name>.js`. */
const ENTRY_POINTS = ['src/main.ts', 'src/deploy-commands.ts'];

/** Where the bundle is written (the end-to-end harness starts its entry points from here). */
export const OUT_DIR = 'dist/bot';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What package-lock.json says of each package (its key '' is the project itself). */
export interface Lockfile {
  packages: Record<string, { dev?: boolean; optional?: boolean; dependencies?: Record<string, string> }>;
}

/** The lockfile paths of `names` and of everything they depend on, as Node resolves them. */
function dependencyClosure(lock: Lockfile, names: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (from: string, name: string) => {
    // Node looks in node_modules beside the requiring package, then in each folder above it.
    let dir = from;
    for (;;) {
      const path = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
      const entry = lock.packages[path];
      if (entry !== undefined) {
        if (found.has(path)) return;
        found.add(path);
        for (const dependency of Object.keys(entry.dependencies ?? {})) visit(path, dependency);
        return;
      }
      if (dir === '') return;
      dir = dir.slice(0, Math.max(dir.lastIndexOf('/node_modules/'), 0));
    }
  };
  for (const name of names) visit('', name);
  return found;
}

/**
 * The lockfile paths (`node_modules/…`) of the packages the bundle carries: INLINED and what only
 * they depend on. The Docker image leaves them out of node_modules.
 */
export function inlinedPackages(lock: Lockfile): string[] {
  const production = Object.keys(lock.packages['']?.dependencies ?? {});
  const external = dependencyClosure(
    lock,
    production.filter((name) => !INLINED.includes(name)),
  );
  return [...dependencyClosure(lock, INLINED)].filter((path) => !external.has(path)).sort();
}

export async function bundle(): Promise<void> {
  const manifest = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const external = Object.keys(manifest.dependencies).filter((name) => !INLINED.includes(name));
  rmSync(`${ROOT}/${OUT_DIR}`, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // Not minified: names and code stay readable in a stack trace. With
    // `node --enable-source-maps dist/bot/main.js`, stack traces point at the TypeScript instead.
    sourcemap: 'linked',
    tsconfig: 'tsconfig.build.json',
    logLevel: 'warning',
    metafile: true,
  });
  // CommonJS inlined into an ES module bundle gets esbuild's require shim, which throws at run time
  // ("Dynamic require of ... is not supported"): refuse to build it. esbuild records each input's
  // module format.
  const commonJs = Object.entries(result.metafile.inputs)
    .filter(([, input]) => input.format === 'cjs')
    .map(([path]) => path);
  if (commonJs.length > 0)
    throw new Error(
      `the bundle inlines CommonJS (${commonJs.join(', ')}): keep that package external (scripts/bundle.ts, INLINED)`,
    );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await bundle();
