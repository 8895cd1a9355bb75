import { formatAmount } from './money.js';

/**
 * The English catalogue: every user-facing string of the bot. `id.ts` (Indonesian) has the same
 * keys (the type checker and a test prove it). Labels ≤ 45 characters and descriptions ≤ 100
 * characters, as Discord's modal limits require. "Link" is a member's token linked to the bot
 * (`/link`); "connect" is Discord connected on the store's website.
 */
export const english = {
  commands: {
    order: {
      name: 'order',
      description: 'Order a Roblox gamepass or VIP server and get an invoice to pay',
      typeOption: 'Gamepass or VIP server (if left empty, choose in the form)',
    },
    orderBalance: {
      name: 'order-balance',
      description: 'Order a Roblox gamepass or VIP server and pay with your LeuwongRR balance',
    },
    link: {
      name: 'link',
      description: 'Link your LeuwongRR token so orders and balance payments use your own account',
    },
    unlink: {
      name: 'unlink',
      description: 'Delete your LeuwongRR token from the bot',
    },
    account: {
      name: 'account',
      description: 'See whether your LeuwongRR token is linked, and your balance',
    },
    orders: {
      name: 'orders',
      description: 'See the orders you placed through this bot lately',
    },
  },
  orderType: {
    gamepass: 'Gamepass',
    vip_server: 'VIP server',
  },
  modal: {
    titleInvoice: 'LeuwongRR order',
    titleBalance: 'LeuwongRR order (balance)',
    username: 'Roblox username',
    usernameHelp: 'The Roblox account the order is for, e.g. LeuwongUser',
    place: 'Place ID or game link',
    placeHelp: 'A number, or paste the game link: roblox.com/games/123…',
    gamepass: 'Gamepass ID or link',
    gamepassHelp: 'A number, or paste the gamepass link: roblox.com/game-pass/456…',
    orderType: 'Order type',
    orderTypeHelp: 'Gamepass, or a VIP server (private server)',
  },
  invoice: {
    title: (code: string) => `Invoice ${code}`,
    money: (amount: string, currency: string | undefined) => formatAmount(amount, currency, 'en'),
    created: 'Your order has been created. Pay the invoice with the button below.',
    createdBalance: 'Your order has been created and paid with your balance.',
    existing: 'This invoice was already created for this order; no second order was made.',
    amount: 'Amount',
    paymentStatus: 'Payment status',
    paymentMethod: 'Payment method',
    orderType: 'Order type',
    username: 'Roblox username',
    sandbox: 'SANDBOX: a test order, nothing will be charged',
    payButton: 'Open invoice',
    noLink: 'Find this invoice under Invoices on the LeuwongRR website.',
    status: {
      pending: 'Waiting for payment',
      paid: 'Paid',
      expired: 'Expired',
      cancelled: 'Cancelled',
      failed: 'Failed',
    } as Record<string, string>,
    method: {
      invoice: 'Invoice',
      balance: 'LeuwongRR balance',
      none: 'Choose on the invoice page',
    } as Record<string, string>,
    checkButton: 'Check payment',
    checkedAt: (timestamp: string) => `Payment status checked ${timestamp}.`,
    checkFailed: 'LeuwongRR could not be reached just now. Press Check payment again in a moment.',
  },
  input: {
    heading: 'Please check your order. Nothing was sent to the store:',
    fixButton: 'Edit and resubmit',
    field: {
      username: 'Roblox username',
      place: 'Place',
      gamepass: 'Gamepass',
      orderType: 'Order type',
    },
    reason: {
      empty: 'is empty.',
      too_short: 'must be at least 3 characters.',
      too_long: 'can be at most 20 characters.',
      characters: 'can only use letters A–Z, digits and one underscore (_).',
      underscore: 'can have only one underscore (_), and not at the start or end.',
      not_an_id: 'must be a number (the ID) or a roblox.com link.',
      too_large: 'is too large to be a Roblox ID.',
      zero: 'must be a positive number.',
      share_link:
        'is a share link, which does not contain the ID. Open the game on roblox.com and paste the address from your browser (roblox.com/games/…).',
      creator_hub_link:
        'is a Creator Hub link: it shows the universe ID, not the place ID. Paste the game link from roblox.com/games/… instead.',
      gamepass_link: 'is a gamepass link. Put the game link (roblox.com/games/…) here.',
      place_link: 'is a game link. Put the gamepass link (roblox.com/game-pass/…) here.',
      other_link:
        'is not a Roblox link we understand. Paste the ID, or a roblox.com/games/… or roblox.com/game-pass/… link.',
      unknown: 'must be Gamepass or VIP server.',
    },
  },
  errors: {
    linkRequired:
      'Your Discord account is not connected to a LeuwongRR account yet, so the balance cannot be used. Log in at https://leuwongrr.online, connect Discord in your profile, then try again, or use /order to pay by invoice.',
    insufficientBalance:
      'Your LeuwongRR balance is too low for this order. Top up at https://leuwongrr.online, or use /order to pay by invoice instead.',
    robloxValidation:
      'Roblox could not confirm this order. Check that the username exists, that the place is the right game and that the gamepass belongs to it, then try again.',
    validationFields: (fields: string) => `The store did not accept: ${fields}. Check these and try again.`,
    validation: 'The store did not accept this order. Check the username, place and gamepass and try again.',
    misconfigured: (ref: string) =>
      `The bot is not set up correctly, so it cannot place orders right now. Please report it to the server admins with the code ${ref}.`,
    rateLimited: (seconds: number) =>
      `The store is receiving too many orders right now. Please try again in ${seconds} seconds.`,
    unknownOutcome:
      'The store could not be reached, so we do not know yet whether your order was created. Wait a moment, then press **Retry**. Your order will not be doubled.',
    unknownOutcomeRecovering:
      'We will also keep trying in the background and tell you the result here or by DM.',
    retryButton: 'Retry',
    internal: (ref: string) =>
      `Sorry, something went wrong in the bot. Please try again in a moment. If it keeps failing, send the code ${ref} to the server admins.`,
    expired: 'This form has expired. Please run the command again.',
    inProgress: 'This order is still being processed. The invoice will appear here as soon as it is ready.',
    cooldown: (timestamp: string) => `You just placed an order. You can place another one ${timestamp}.`,
    userShare: (perMinute: number, timestamp: string) =>
      `You can place ${perMinute} orders a minute, so others get their turn too. You can order again ${timestamp}.`,
    readBudget: (seconds: number) =>
      `LeuwongRR is answering many requests right now. Please try again in ${seconds} seconds.`,
    tooSoon: (timestamp: string) => `You just asked LeuwongRR. You can try again ${timestamp}.`,
    budget: (seconds: number) =>
      `Many orders are being placed right now. Please try again in ${seconds} seconds.`,
    notHere: 'Orders cannot be placed here. Please use the channel your server set up for orders.',
    missingRole: 'You do not have the role needed to place orders here. Ask the server admins about it.',
    notYours:
      'This order belongs to someone else, so only they can use this form or button. Type /order to place your own.',
    formStale:
      'This form is more than a day old, so it was not sent. Press Edit and resubmit to send it as a new order.',
    storageUnavailable:
      'The bot cannot save orders right now, so no order was placed. Please try again in a moment.',
    shuttingDown: 'The bot is restarting. Please try again in a minute.',
    linkingDisabled:
      'This bot does not accept personal LeuwongRR tokens, so your orders use the shop’s account.',
    linkRequiredPersonal:
      'To pay with your balance, link your own LeuwongRR token first: type /link. Or type /order to pay by invoice.',
    relinkRequired:
      'Your linked LeuwongRR token can no longer be used. Run /link with a new token, then try again.',
    memberTokenLocked:
      'You linked your own LeuwongRR token, but the bot cannot use it right now, so no order was placed (it would have gone on the shop’s account). Please tell the server admin.',
    tokenChanged:
      'This order was sent with the LeuwongRR token you had linked before, so the bot will not re-send it with another one. Check your orders at https://leuwongrr.online, or link that token again to retry.',
    memberTokenRefused:
      'LeuwongRR no longer accepts your linked token (expired or revoked), so the bot deleted it. Run /link with a new token, then order again.',
    memberForbidden:
      'Your LeuwongRR account is not active or not allowed to use the API, so the order was not placed. Check your account at https://leuwongrr.online.',
    memberLinkRequired:
      'Your token is linked to the bot. But your Discord account is not connected on the LeuwongRR website yet, so the balance cannot be used. Log in at https://leuwongrr.online, connect Discord in your profile, then try again.',
    linkRequiredTryLink:
      'The shop’s LeuwongRR account cannot pay with your balance. To use your own balance, type /link with your own token. Also connect Discord in your profile at https://leuwongrr.online. Or type /order to pay by invoice.',
    sandboxInvoiceOnly: 'A sandbox LeuwongRR account can only pay by invoice. Use /order instead.',
  },
  history: {
    title: (page: number, pages: number) => `Your orders (page ${page} of ${pages})`,
    intro: (days: number) => `The orders you placed through this bot in the last ${days} days, newest first.`,
    empty: (days: number) =>
      `You placed no orders through this bot in the last ${days} days. Type /order to place one.`,
    open: (code: string) => `Open ${code}`,
    previous: 'Previous',
    next: 'Next',
  },
  payment: {
    paidDm: (code: string) => `Your LeuwongRR invoice ${code} is paid. Thank you!`,
  },
  recovery: {
    dmIntro: (code: string) => `Update on your LeuwongRR order (reference ${code}):`,
  },
  link: {
    modalTitle: 'Link your LeuwongRR token',
    intro:
      'Paste your own User API token. Create or copy one on the User API Access page: https://leuwongrr.online/user/api-access. A sandbox key (lrrs_v1_…) is fine for trying. The bot keeps it encrypted, uses it only for your own orders, and never shows it again.',
    tokenLabel: 'Your User API token',
    tokenHelp: 'Starts with lrrs_v1_ (Sandbox) or lrrp_v1_ (Live)',
    linked: 'Your LeuwongRR token is linked: /order and /order-balance now use your own account.',
    accountLinked: 'Your LeuwongRR token is linked: your orders use your own account.',
    environment: 'Mode',
    accountStatus: 'Account status',
    token: 'Token',
    linkedSince: 'Linked',
    balance: 'Balance',
    balanceUnavailable: 'cannot be read right now, try again later',
    sandboxNote: 'Sandbox: test orders, nothing is charged; pay by invoice only.',
    unlinkHint: 'Run /unlink at any time to delete the token from the bot.',
    notAToken:
      'That does not look like a User API token (no spaces; it starts with lrrs_v1_ or lrrp_v1_). Copy it again from https://leuwongrr.online/user/api-access. Nothing was saved.',
    invalid:
      'LeuwongRR does not accept this token: it is mistyped, expired or revoked. Create a new one at https://leuwongrr.online/user/api-access and run /link again. Nothing was saved.',
    notEligible:
      'The LeuwongRR account of this token is not active or not allowed to use the API. Check your account at https://leuwongrr.online. Nothing was saved.',
    unavailable:
      'LeuwongRR cannot be reached right now, so the token could not be checked. Please try /link again later. Nothing was saved.',
    unlinked:
      'Your LeuwongRR token was deleted from the bot. Your orders now use the shop’s account. To revoke the token itself, delete it at https://leuwongrr.online/user/api-access.',
    nothingToUnlink: 'You have no LeuwongRR token linked to this bot, so there was nothing to delete.',
    notLinked: 'You have not linked a LeuwongRR token: your orders use the shop’s account.',
    notLinkedHint: 'Run /link to order and pay with your own LeuwongRR account.',
    requiredForBalanceHint: 'Paying with your balance (/order-balance) needs your own token linked first.',
    unreadable:
      'The bot can no longer read your linked token because its settings changed. Run /link again, or /unlink to delete it.',
    refusedNow:
      'LeuwongRR no longer accepts your linked token (expired or revoked), so the bot deleted it. Run /link with a new token.',
    disabledStored:
      'This bot no longer accepts personal tokens, but yours is still stored. Run /unlink to delete it.',
    disabledAccount: 'This bot does not accept personal tokens: orders use the shop’s LeuwongRR account.',
    envName: {
      sandbox: 'Sandbox',
      production: 'Live',
      unknown: 'Unknown',
    },
    status: {
      active: 'Active',
      suspended: 'Suspended',
      inactive: 'Inactive',
    } as Record<string, string>,
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every catalogue has: the keys of `english`, any wording. */
export type Messages = Widen<typeof english>;
