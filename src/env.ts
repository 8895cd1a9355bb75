import { config as loadDotenv } from 'dotenv';
import { parseConfig, type Config } from './config.js';

/** Loads `.env` (never overriding the real environment) and validates it, or exits 1 listing every problem. */
export function loadConfigOrExit(): { config: Config; warnings: string[] } {
  loadDotenv({ quiet: true });
  const result = parseConfig(process.env);
  if (!result.ok) {
    process.stderr.write(
      `Configuration error${result.errors.length > 1 ? 's' : ''} (see .env.example):\n${result.errors
        .map((error) => `  - ${error}`)
        .join('\n')}\n`,
    );
    process.exit(1);
  }
  return { config: result.config, warnings: result.warnings };
}
