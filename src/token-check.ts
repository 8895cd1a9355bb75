import type { Logger } from 'pino';
import { UpstreamError } from './errors.js';
import type { LeuwongClient } from './leuwong/client.js';

/** The LeuwongRR token was refused at start: the process must not run. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** How long one check may take. */
const CHECK_TIMEOUT_MS = 15_000;
/** How often a token not yet accepted (store unreachable, account not eligible) is checked again. */
const RECHECK_MS = 60_000;

/**
 * LEUWONG_API_TOKEN, checked with the store before the commands are registered. A refused token
 * (401) is fatal; an unreachable store or an ineligible account is not (the bot must not
 * crash-loop): it is checked again every minute until accepted, and /readyz says so meanwhile.
 */
export class TokenCheck {
  /** True once the store accepted the token; false when it refused the account; undefined when unknown. */
  valid: boolean | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly api: LeuwongClient,
    private readonly token: string,
    private readonly logger: Logger,
  ) {}

  /** Checks once; throws InvalidTokenError when the store refuses the token itself. */
  async check(): Promise<void> {
    try {
      const info = await this.api.validateToken(this.token, AbortSignal.timeout(CHECK_TIMEOUT_MS));
      this.valid = true;
      this.logger.info(
        { environment: info.environment ?? 'unknown', accountStatus: info.accountStatus ?? 'unknown' },
        'LeuwongRR token is valid',
      );
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'unauthorized') {
        throw new InvalidTokenError(
          'The LeuwongRR token (LEUWONG_API_TOKEN) is invalid, expired or revoked: create a new one at https://leuwongrr.online/user/api-access',
        );
      }
      if (error instanceof UpstreamError && error.kind === 'forbidden') {
        this.valid = false;
        this.logger.error(
          'the LeuwongRR account that owns the token is not active or not eligible for the API',
        );
        return;
      }
      this.logger.warn(
        { err: error },
        'LeuwongRR cannot be reached at start; the bot starts anyway and checks again later',
      );
    }
  }

  /** Checks again every minute until the token is accepted. */
  recheckUntilValid(): void {
    this.timer = setInterval(() => {
      if (this.valid === true) {
        this.stop();
        return;
      }
      this.check().catch((error: unknown) => {
        this.logger.error({ err: error }, 'the LeuwongRR token was refused');
      });
    }, RECHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
