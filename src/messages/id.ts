import type { Messages } from './en.js';

/** Katalog pesan Bahasa Indonesia: kunci yang sama dengan `en.ts`. */
export const id = {
  commands: {
    order: {
      name: 'pesan',
      description: 'Pesan gamepass atau VIP server Roblox dan dapatkan invoice untuk dibayar',
      typeOption: 'Yang ingin dipesan (bawaan: gamepass)',
    },
    orderBalance: {
      name: 'pesan-saldo',
      description: 'Pesan gamepass atau VIP server Roblox dan bayar dengan saldo LeuwongRR kamu',
    },
  },
  orderType: {
    gamepass: 'Gamepass',
    vip_server: 'VIP server',
  },
  modal: {
    titleInvoice: 'Order LeuwongRR',
    titleBalance: 'Order LeuwongRR (saldo)',
    username: 'Username Roblox',
    usernameHelp: 'Akun Roblox tujuan order, contoh: LeuwongUser',
    place: 'Place ID atau link game',
    placeHelp: 'Angka, atau tempel link game: roblox.com/games/123…',
    gamepass: 'Gamepass ID atau link',
    gamepassHelp: 'Angka, atau tempel link gamepass: roblox.com/game-pass/456…',
    orderType: 'Jenis order',
    orderTypeHelp: 'Gamepass, atau VIP server (private server)',
  },
  invoice: {
    title: (code: string) => `Invoice ${code}`,
    created: 'Order kamu sudah dibuat. Bayar invoice lewat tombol di bawah.',
    createdBalance: 'Order kamu sudah dibuat dan dibayar dengan saldo.',
    existing: 'Invoice ini sudah dibuat untuk order ini; tidak ada order kedua.',
    amount: 'Total',
    paymentStatus: 'Status pembayaran',
    paymentMethod: 'Metode pembayaran',
    orderType: 'Jenis order',
    username: 'Username Roblox',
    sandbox: 'SANDBOX: order uji coba, tidak ada tagihan sungguhan',
    payButton: 'Buka invoice',
    noLink: 'Cari invoice ini di menu Invoice pada website LeuwongRR.',
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
  },
  input: {
    heading: 'Cek lagi order kamu. Belum ada yang dikirim ke toko:',
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
      characters: 'hanya boleh huruf A–Z, angka, dan satu garis bawah.',
      underscore: 'hanya boleh satu garis bawah, dan tidak di awal atau akhir.',
      not_an_id: 'harus berupa angka (ID) atau link roblox.com.',
      too_large: 'terlalu besar untuk ID Roblox.',
      zero: 'harus angka positif.',
      share_link:
        'adalah link share, yang tidak berisi ID. Buka game di roblox.com lalu tempel alamat dari browser (roblox.com/games/…).',
      creator_hub_link:
        'adalah link Creator Hub: isinya universe ID, bukan place ID. Tempel link game dari roblox.com/games/… saja.',
      gamepass_link: 'adalah link gamepass. Isi dengan link game (roblox.com/games/…).',
      place_link: 'adalah link game. Isi dengan link gamepass (roblox.com/game-pass/…).',
      other_link:
        'bukan link Roblox yang kami kenali. Tempel ID-nya, atau link roblox.com/games/… atau roblox.com/game-pass/….',
      unknown: 'harus Gamepass atau VIP server.',
    },
  },
  errors: {
    linkRequired:
      'Akun Discord kamu belum terhubung ke akun LeuwongRR, jadi saldo belum bisa dipakai. Login di https://leuwongrr.online, hubungkan Discord di profil, lalu coba lagi, atau pakai /order untuk bayar lewat invoice.',
    insufficientBalance:
      'Saldo LeuwongRR kamu tidak cukup untuk order ini. Top up di https://leuwongrr.online, atau pakai /order untuk bayar lewat invoice.',
    robloxValidation:
      'Roblox tidak bisa memastikan order ini. Pastikan username ada, place-nya game yang benar, dan gamepass-nya milik game itu, lalu coba lagi.',
    validationFields: (fields: string) => `Toko tidak menerima: ${fields}. Cek lagi lalu coba kembali.`,
    validation: 'Toko tidak menerima order ini. Cek username, place, dan gamepass lalu coba lagi.',
    misconfigured: (ref: string) =>
      `Bot belum diatur dengan benar, jadi belum bisa membuat order. Admin server bisa melihat detailnya di log bot. Referensi: ${ref}`,
    rateLimited: (seconds: number) =>
      `Toko sedang menerima terlalu banyak order. Coba lagi dalam ${seconds} detik.`,
    unknownOutcome:
      'Toko tidak bisa dihubungi, jadi belum diketahui apakah order kamu sudah dibuat. Tekan Coba lagi sebentar lagi: referensi order-nya sama, jadi tidak mungkin terjadi order ganda.',
    unknownOutcomeRecovering:
      'Kami juga terus mencoba di belakang layar dan akan mengabari hasilnya di sini atau lewat DM.',
    retryButton: 'Coba lagi',
    rejectedBefore: 'Toko sudah menolak order ini sebelumnya. Ubah lalu kirim ulang.',
    internal: (ref: string) => `Ada yang salah di sisi kami. Silakan coba lagi. Referensi: ${ref}`,
    expired: 'Form ini sudah kedaluwarsa. Silakan jalankan perintahnya lagi.',
    inProgress: 'Order ini masih diproses. Invoice akan muncul di sini begitu siap.',
    cooldown: (timestamp: string) => `Kamu baru saja membuat order. Kamu bisa order lagi ${timestamp}.`,
    budget: (seconds: number) => `Sedang banyak order masuk. Coba lagi dalam ${seconds} detik.`,
    notHere: 'Order tidak bisa dibuat di sini. Pakai channel yang disiapkan server untuk order.',
    missingRole: 'Kamu belum punya role yang dibutuhkan untuk order di sini.',
    notYours: 'Tombol ini milik order orang lain.',
    storageUnavailable:
      'Bot sedang tidak bisa menyimpan order, jadi order tidak dibuat. Coba lagi sebentar lagi.',
    shuttingDown: 'Bot sedang dimulai ulang. Coba lagi dalam satu menit.',
  },
  recovery: {
    dmIntro: (code: string) => `Kabar order LeuwongRR kamu (referensi ${code}):`,
  },
} as const satisfies Messages;
