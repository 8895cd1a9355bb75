import { bundle } from '../scripts/bundle.js';

/**
 * Bundles the bot (scripts/bundle.ts, the second half of `npm run build`) once before the suite:
 * the end-to-end tests start `dist/bot/main.js`, as `npm start` does after its `prestart` build,
 * so they always run the code of this checkout, never a stale build. (`npm test` type-checks the
 * code first, the other half of the build.)
 */
export default async function setup(): Promise<void> {
  await bundle();
}
