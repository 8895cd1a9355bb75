/** LeuwongRR User API emulator for the offline test suite. */
export { DEFAULT_SANDBOX_TOKEN, MESSAGES, startStoreEmulator } from './emulator.js';
export { formatRupiah, maskEmail, priceFor } from './format.js';
export { SENSITIVE_FIELDS, defaultRobloxCheck } from './validation.js';
export type * from './types.js';
