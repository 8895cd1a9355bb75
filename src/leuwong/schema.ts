import * as z from 'zod';

export const ORDER_TYPES = ['gamepass', 'vip_server'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export const PAYMENT_METHODS = ['invoice', 'balance'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The create-order body: exactly the six documented fields (the store's OpenAPI schema sets
 * additionalProperties: false), `order_type` always present, IDs as JSON integers.
 */
export const createOrderBodySchema = z.strictObject({
  order_type: z.enum(ORDER_TYPES),
  roblox_username: z.string().min(3).max(32),
  place_id: id,
  roblox_pass_id: id,
  payment_method: z.enum(PAYMENT_METHODS),
  client_reference: z.string().min(1).max(64),
});
export type CreateOrderBody = z.infer<typeof createOrderBodySchema>;

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));

/** Lenient: only the invoice code and URL are required, everything else is shown when present. */
export const orderSuccessSchema = z.object({
  data: z.object({
    invoice: z.object({
      invoice_code: z.string().min(1),
      invoice_url: z.string().min(1),
      formatted_amount: text,
      amount: text,
      currency: text,
      payment_status: text,
      payment_method: text,
      order: z.object({ order_type: text, roblox_username: text, status: text }).nullish().catch(undefined),
    }),
    environment: text.catch(undefined),
    idempotent: z.boolean().nullish().catch(undefined),
  }),
});

export interface Invoice {
  code: string;
  url: string;
  formattedAmount: string | undefined;
  amount: string | undefined;
  currency: string | undefined;
  paymentStatus: string | undefined;
  paymentMethod: string | undefined;
  orderType: string | undefined;
  robloxUsername: string | undefined;
}

export interface OrderResult {
  invoice: Invoice;
  environment: 'sandbox' | 'production' | undefined;
  idempotent: boolean;
}

export const errorBodySchema = z.object({
  message: z.string().nullish().catch(undefined),
  code: z.string().nullish().catch(undefined),
  error: z
    .object({
      code: z.string().nullish().catch(undefined),
      fields: z.array(z.string()).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
  errors: z.record(z.string(), z.unknown()).nullish().catch(undefined),
});

/** GET /me/invoices/{invoice}/status: only the payment status is read. */
export const invoiceStatusSchema = z.object({
  data: z.object({ invoice: z.object({ payment_status: z.string().min(1) }) }),
});

export const tokenInfoSchema = z.object({
  data: z.object({
    valid: z.boolean().nullish().catch(undefined),
    token: z
      .object({ environment: text.catch(undefined), prefix: text.catch(undefined) })
      .nullish()
      .catch(undefined),
    user: z
      .object({
        status: text.catch(undefined),
        balance: text.catch(undefined),
        currency: text.catch(undefined),
      })
      .nullish()
      .catch(undefined),
  }),
});

export interface TokenInfo {
  environment: 'sandbox' | 'production' | undefined;
  accountStatus: string | undefined;
}

export const balanceSchema = z.object({
  data: z.object({
    balance: z.object({ amount: text, formatted: text, currency: text }),
  }),
});

export interface Balance {
  amount: string | undefined;
  formatted: string | undefined;
  currency: string | undefined;
}

export function asEnvironment(value: string | undefined): 'sandbox' | 'production' | undefined {
  return value === 'sandbox' || value === 'production' ? value : undefined;
}
