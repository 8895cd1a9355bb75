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
const INLINED: readonly string[] = ['zod', 'keyv'];

/** The entry points, relative to the repository's root; each becomes `${OUT_DIR}/<name>.js`. */
const ENTRY_POINTS = ['src/main.ts', 'src/deploy-commands.ts'];

/** Where the bundle is written (the end-to-end harness starts its entry points from here). */
export const OUT_DIR = 'dist/bot';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

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
