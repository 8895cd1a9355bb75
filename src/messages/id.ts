import type { Messages } from './en.js';
import { formatAmount } from './money.js';

/**
 * Katalog pesan Bahasa Indonesia, dengan kunci yang sama dengan `en.ts`. Ditulis seperti toko
 * lokal menulis: "kamu" untuk pelanggan, "kami" untuk toko, "Ketik /…" untuk perintah.
 * "Hubungkan" hanya untuk token di bot (/link), "sambungkan" hanya untuk Discord di website.
 * `tests/support/id-style.ts` memuat daftar yang dicek tes.
 */
export const indonesian = {
  commands: {
    order: {
      name: 'order',
      description: 'Beli gamepass atau VIP server Roblox, lalu bayar lewat invoice',
      typeOption: 'Gamepass atau VIP server (kalau kosong, pilih di form)',
    },
    orderBalance: {
      name: 'order-saldo',
      description: 'Beli gamepass atau VIP server Roblox, bayar pakai saldo LeuwongRR kamu',
    },
    link: {
      name: 'hubungkan-token',
      description: 'Hubungkan token LeuwongRR kamu agar order dan bayar saldo memakai akunmu sendiri',
    },
    unlink: {
      name: 'putuskan-token',
      description: 'Hapus token LeuwongRR kamu dari bot',
    },
    account: {
      name: 'akun',
      description: 'Cek apakah token LeuwongRR kamu sudah terhubung, dan lihat saldonya',
    },
    orders: {
      name: 'pesanan',
      description: 'Lihat pesanan yang kamu buat lewat bot ini',
    },
  },
  orderType: {
    gamepass: 'Gamepass',
    vip_server: 'VIP server',
  },
  modal: {
    titleInvoice: 'Order LeuwongRR',
    titleBalance: 'Order LeuwongRR (bayar pakai saldo)',
    username: 'Username Roblox',
    usernameHelp: 'Akun Roblox yang menerima order, contoh: LeuwongUser',
    place: 'Place ID atau link game',
    placeHelp: 'Isi angka, atau tempel link game (roblox.com/games/123…)',
    gamepass: 'Gamepass ID atau link',
    gamepassHelp: 'Isi angka, atau tempel link gamepass (roblox.com/game-pass/456…)',
    orderType: 'Jenis order',
    orderTypeHelp: 'Gamepass, atau VIP server (private server)',
  },
  invoice: {
    title: (code: string) => `Invoice ${code}`,
    money: (amount: string, currency: string | undefined) => formatAmount(amount, currency, 'id'),
    created: 'Order kamu sudah dibuat. Bayar invoice-nya lewat tombol di bawah.',
    createdBalance: 'Order kamu sudah dibuat dan sudah dibayar pakai saldo.',
    existing: 'Invoice untuk order ini sudah ada, jadi tidak dibuat order baru.',
    amount: 'Total',
    paymentStatus: 'Status pembayaran',
    paymentMethod: 'Metode pembayaran',
    orderType: 'Jenis order',
    username: 'Username Roblox',
    sandbox: 'Order uji coba (SANDBOX), tidak ada tagihan sungguhan.',
    payButton: 'Buka invoice',
    noLink: 'Cari invoice ini di menu Invoice di website LeuwongRR.',
    status: {
      pending: 'Menunggu pembayaran',
      paid: 'Lunas',
      expired: 'Kedaluwarsa',
      cancelled: 'Dibatalkan',
      failed: 'Gagal',
    },
    method: {
      invoice: 'Invoice',
      balance: 'Saldo LeuwongRR',
      none: 'Pilih di halaman invoice',
    },
    checkButton: 'Cek pembayaran',
    checkedAt: (timestamp: string) => `Status pembayaran dicek ${timestamp}.`,
    checkFailed: 'LeuwongRR sedang tidak merespons. Tekan Cek pembayaran lagi sebentar lagi ya.',
  },
  input: {
    heading: 'Ada yang perlu diperbaiki (order belum dikirim):',
    fixButton: 'Ubah dan kirim ulang',
    field: {
      username: 'Username Roblox',
      place: 'Place',
      gamepass: 'Gamepass',
      orderType: 'Jenis order',
    },
    reason: {
      empty: 'masih kosong.',
      too_short: 'minimal 3 karakter.',
      too_long: 'maksimal 20 karakter.',
      characters: 'hanya boleh berisi huruf A–Z, angka, dan satu garis bawah (_).',
      underscore: 'hanya boleh punya satu garis bawah (_), dan tidak boleh di awal atau di akhir.',
      not_an_id: 'harus berupa angka (ID) atau link roblox.com.',
      too_large: 'angkanya terlalu besar untuk ID Roblox.',
      zero: 'harus angka lebih dari 0.',
      share_link:
        'berisi link share, jadi tidak ada ID-nya. Buka game-nya di roblox.com, lalu salin alamat dari browser (roblox.com/games/…).',
      creator_hub_link:
        'berisi link Creator Hub. Link itu memuat universe ID, bukan place ID. Tempel link game dari roblox.com/games/… saja.',
      gamepass_link: 'berisi link gamepass. Di sini isi link game (roblox.com/games/…).',
      place_link: 'berisi link game. Di sini isi link gamepass (roblox.com/game-pass/…).',
      other_link:
        'bukan link Roblox yang kami kenal. Tempel ID-nya, atau link roblox.com/games/… atau roblox.com/game-pass/….',
      unknown: 'harus Gamepass atau VIP server.',
    },
  },
  errors: {
    linkRequired:
      'Akun Discord kamu belum tersambung ke akun LeuwongRR, jadi saldo belum bisa dipakai. Login di https://leuwongrr.online, sambungkan Discord di halaman profil, lalu coba lagi. Bisa juga ketik /order untuk bayar lewat invoice.',
    insufficientBalance:
      'Saldo LeuwongRR kamu tidak cukup untuk order ini. Top up dulu di https://leuwongrr.online, atau ketik /order untuk bayar lewat invoice.',
    robloxValidation:
      'Roblox tidak bisa memastikan order ini. Pastikan username-nya ada, place-nya game yang benar, dan gamepass-nya memang dari game itu. Lalu coba lagi.',
    validationFields: (fields: string) => `Toko menolak isian ${fields}. Cek lagi, lalu kirim ulang.`,
    validation: 'Toko menolak order ini. Cek lagi username, place, dan gamepass, lalu kirim ulang.',
    misconfigured: (ref: string) =>
      `Bot ini belum diatur dengan benar, jadi belum bisa membuat order. Laporkan ke admin server dan sertakan kode ${ref}.`,
    rateLimited: (seconds: number) =>
      `Toko sedang menerima terlalu banyak order. Coba lagi dalam ${seconds} detik.`,
    unknownOutcome:
      'Toko sedang tidak merespons, jadi belum jelas order kamu sudah dibuat atau belum. Tunggu sebentar, lalu tekan **Coba lagi**. Order kamu tidak akan jadi dobel.',
    unknownOutcomeRecovering:
      'Kami juga terus mencoba otomatis dan akan mengabari hasilnya di sini atau lewat DM.',
    retryButton: 'Coba lagi',
    internal: (ref: string) =>
      `Maaf, ada masalah di bot. Coba lagi sebentar lagi. Kalau masih gagal, kirim kode ${ref} ke admin server.`,
    expired: 'Form ini sudah kedaluwarsa. Ketik lagi perintahnya dari awal.',
    inProgress: 'Order ini masih diproses. Invoice-nya akan muncul di sini begitu siap.',
    cooldown: (timestamp: string) => `Kamu baru saja order. Kamu bisa order lagi ${timestamp}.`,
    userShare: (perMinute: number, timestamp: string) =>
      `Satu orang bisa order ${perMinute} kali per menit, biar yang lain juga kebagian. Kamu bisa order lagi ${timestamp}.`,
    readBudget: (seconds: number) => `LeuwongRR lagi sibuk. Coba lagi dalam ${seconds} detik.`,
    tooSoon: (timestamp: string) => `Kamu baru saja cek ke LeuwongRR. Kamu bisa coba lagi ${timestamp}.`,
    budget: (seconds: number) => `Lagi banyak order masuk. Coba lagi dalam ${seconds} detik.`,
    notHere: 'Order tidak bisa dibuat di sini. Pakai channel order yang disiapkan server ini.',
    missingRole:
      'Kamu belum punya role yang dibutuhkan untuk order di sini. Tanya admin server soal role-nya.',
    notYours:
      'Order ini punya orang lain, jadi cuma dia yang bisa pakai form atau tombol ini. Ketik /order untuk order sendiri.',
    formStale:
      'Form ini sudah lebih dari sehari, jadi belum dikirim. Tekan Ubah dan kirim ulang untuk mengirimnya sebagai order baru.',
    storageUnavailable:
      'Bot sedang tidak bisa menyimpan order, jadi order kamu belum dibuat. Coba lagi sebentar lagi.',
    shuttingDown: 'Bot sedang restart, coba lagi sebentar lagi.',
    linkingDisabled: 'Bot ini tidak menerima token LeuwongRR pribadi, jadi order kamu memakai akun toko.',
    linkRequiredPersonal:
      'Untuk bayar pakai saldo, hubungkan dulu token LeuwongRR kamu. Ketik /hubungkan-token, atau ketik /order untuk bayar lewat invoice.',
    relinkRequired:
      'Token LeuwongRR yang kamu hubungkan sudah tidak bisa dipakai. Ketik /hubungkan-token dengan token baru, lalu coba lagi.',
    memberTokenLocked:
      'Kamu sudah menghubungkan token LeuwongRR sendiri, tapi bot sedang tidak bisa memakainya. Jadi order kamu belum dibuat, supaya tidak masuk ke akun toko. Kabari admin server, ya.',
    tokenChanged:
      'Order ini dikirim dengan token LeuwongRR yang dulu kamu hubungkan, jadi bot tidak akan mengirimnya ulang dengan token lain. Cek order kamu di https://leuwongrr.online, atau hubungkan lagi token itu untuk mencoba ulang.',
    memberTokenRefused:
      'LeuwongRR sudah tidak menerima token yang kamu hubungkan (kedaluwarsa atau dicabut), jadi bot menghapusnya. Ketik /hubungkan-token dengan token baru, lalu order lagi.',
    memberForbidden:
      'Akun LeuwongRR kamu tidak aktif atau belum boleh memakai API, jadi order tidak dibuat. Cek akun kamu di https://leuwongrr.online.',
    memberLinkRequired:
      'Token kamu sudah terhubung ke bot. Tapi akun Discord kamu belum disambungkan di website LeuwongRR, jadi saldo belum bisa dipakai. Login di https://leuwongrr.online, sambungkan Discord di halaman profil, lalu coba lagi.',
    linkRequiredTryLink:
      'Akun toko tidak bisa membayar pakai saldo kamu. Untuk memakai saldo sendiri, ketik /hubungkan-token dengan token kamu. Sambungkan juga Discord kamu di halaman profil https://leuwongrr.online. Atau ketik /order untuk bayar lewat invoice.',
    sandboxInvoiceOnly: 'Akun LeuwongRR sandbox hanya bisa bayar lewat invoice. Ketik /order saja.',
  },
  history: {
    title: (page: number, pages: number) => `Pesanan kamu (halaman ${page} dari ${pages})`,
    intro: (days: number) =>
      `Ini pesanan kamu lewat bot ini dalam ${days} hari terakhir. Yang terbaru paling atas.`,
    empty: (days: number) =>
      `Belum ada pesanan kamu lewat bot ini dalam ${days} hari terakhir. Ketik /order untuk pesan.`,
    open: (code: string) => `Buka ${code}`,
    previous: 'Sebelumnya',
    next: 'Berikutnya',
  },
  payment: {
    paidDm: (code: string) => `Invoice LeuwongRR ${code} kamu sudah lunas. Makasih ya!`,
  },
  recovery: {
    dmIntro: (code: string) => `Kabar order LeuwongRR kamu (referensi ${code}):`,
  },
  link: {
    modalTitle: 'Hubungkan token LeuwongRR kamu',
    intro:
      'Tempel token User API milik kamu sendiri. Buat atau salin token di halaman User API Access (https://leuwongrr.online/user/api-access). Token sandbox (lrrs_v1_…) boleh dipakai untuk mencoba. Bot menyimpan token kamu dengan aman (terenkripsi), hanya memakainya untuk order kamu sendiri, dan tidak pernah menampilkannya lagi.',
    tokenLabel: 'Token User API kamu',
    tokenHelp: 'Diawali lrrs_v1_ (Sandbox) atau lrrp_v1_ (Live)',
    linked:
      'Token LeuwongRR kamu sudah terhubung. Sekarang /order dan /order-saldo memakai akun kamu sendiri.',
    accountLinked: 'Token LeuwongRR kamu sudah terhubung. Order kamu memakai akun kamu sendiri.',
    environment: 'Mode',
    accountStatus: 'Status akun',
    token: 'Token',
    linkedSince: 'Terhubung',
    balance: 'Saldo',
    balanceUnavailable: 'belum bisa dicek, coba lagi nanti',
    sandboxNote:
      'Mode Sandbox untuk uji coba. Tidak ada tagihan sungguhan, dan bayarnya hanya lewat invoice.',
    unlinkHint: 'Ketik /putuskan-token kapan saja untuk menghapus token kamu dari bot.',
    notAToken:
      'Sepertinya itu bukan token User API. Token tidak berisi spasi dan diawali lrrs_v1_ atau lrrp_v1_. Salin lagi dari https://leuwongrr.online/user/api-access. Tidak ada yang disimpan.',
    invalid:
      'LeuwongRR menolak token ini, mungkin salah ketik, kedaluwarsa, atau sudah dicabut. Buat token baru di https://leuwongrr.online/user/api-access, lalu ketik /hubungkan-token lagi. Tidak ada yang disimpan.',
    notEligible:
      'Akun LeuwongRR pemilik token ini tidak aktif atau belum boleh memakai API. Cek akun kamu di https://leuwongrr.online. Tidak ada yang disimpan.',
    unavailable:
      'LeuwongRR sedang tidak merespons, jadi token kamu belum bisa dicek. Coba ketik /hubungkan-token lagi nanti. Tidak ada yang disimpan.',
    unlinked:
      'Token LeuwongRR kamu sudah dihapus dari bot. Sekarang order kamu memakai akun toko. Kalau mau mencabut token-nya juga, hapus di https://leuwongrr.online/user/api-access.',
    nothingToUnlink: 'Tidak ada token LeuwongRR kamu yang terhubung ke bot ini, jadi tidak ada yang dihapus.',
    notLinked: 'Kamu belum menghubungkan token LeuwongRR, jadi order kamu memakai akun toko.',
    notLinkedHint: 'Ketik /hubungkan-token untuk order dan bayar pakai akun LeuwongRR kamu sendiri.',
    requiredForBalanceHint: 'Untuk bayar pakai saldo (/order-saldo), hubungkan dulu token kamu.',
    unreadable:
      'Bot tidak bisa membaca lagi token yang kamu hubungkan karena pengaturan bot berubah. Ketik /hubungkan-token lagi, atau /putuskan-token untuk menghapusnya.',
    refusedNow:
      'LeuwongRR sudah tidak menerima token yang kamu hubungkan (kedaluwarsa atau dicabut), jadi bot menghapusnya. Ketik /hubungkan-token dengan token baru.',
    disabledStored:
      'Bot ini sedang tidak menerima token pribadi, tapi token kamu masih tersimpan. Ketik /putuskan-token untuk menghapusnya.',
    disabledAccount: 'Bot ini tidak menerima token pribadi, jadi order memakai akun LeuwongRR toko.',
    envName: {
      sandbox: 'Sandbox',
      production: 'Live',
      unknown: 'Tidak diketahui',
    },
    status: {
      active: 'Aktif',
      suspended: 'Ditangguhkan',
      inactive: 'Tidak aktif',
    },
  },
} as const satisfies Messages;
