/**
 * A running container of the image, whichever runs it: a Docker engine (docker.ts) or this
 * directory's own runner (container.ts). driver.ts checks the image through this alone.
 */
import type { BotProcess } from '../../tests/e2e/harness.js';

export interface FileStat {
  uid: number;
  gid: number;
  size: number;
}

export interface RunningImage {
  /** The container's output and exit, as an attached `docker run` shows them. */
  bot: BotProcess;
  /** The host's pid of the container's PID 1 (the ENTRYPOINT). */
  initPid: number;
  /** Runs the image's HEALTHCHECK command the way the engine does; `ok` when it exits 0. */
  healthcheck(): Promise<{ ok: boolean; output: string }>;
  /** Owner and size of a file inside the container, or undefined if there is none. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Stops the container the way `docker stop` does: SIGTERM to PID 1. */
  stop(): void;
  /** Removes whatever the run left behind (containers, volumes). */
  remove(): Promise<void>;
}
