import type { Messages } from './en.js';
import { formatAmount } from './money.js';

/** Katalog pesan Bahasa Indonesia: kunci yang sama dengan `en.ts`. */
export const indonesian = {
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
    link: {
      name: 'hubungkan',
      description: 'Hubungkan akun LeuwongRR kamu sendiri: order dan pembayaran saldo jadi milikmu',
    },
    unlink: {
      name: 'putuskan',
      description: 'Hapus token LeuwongRR kamu dari bot',
    },
    account: {
      name: 'akun',
      description: 'Lihat apakah akun LeuwongRR kamu sudah terhubung, dan saldomu',
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
    money: (amount: string, currency: string | undefined) => formatAmount(amount, currency, 'id'),
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
    checkButton: 'Cek pembayaran',
    checkedAt: (timestamp: string) => `Status pembayaran dicek ${timestamp}.`,
    checkFailed: 'LeuwongRR belum bisa dihubungi. Tekan Cek pembayaran lagi sebentar lagi ya.',
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
      'Akun Discord kamu belum terhubung ke akun LeuwongRR, jadi saldo belum bisa dipakai. Login di https://leuwongrr.online, hubungkan Discord di profil, lalu coba lagi, atau pakai /pesan untuk bayar lewat invoice.',
    insufficientBalance:
      'Saldo LeuwongRR kamu tidak cukup untuk order ini. Top up di https://leuwongrr.online, atau pakai /pesan untuk bayar lewat invoice.',
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
    userShare: (perMinute: number, timestamp: string) =>
      `Kamu bisa order ${perMinute} kali dalam semenit, biar yang lain kebagian juga. Kamu bisa order lagi ${timestamp}.`,
    readBudget: (seconds: number) => `LeuwongRR lagi sibuk. Coba lagi ${seconds} detik lagi ya.`,
    tooSoon: (timestamp: string) => `Kamu baru saja cek ke LeuwongRR. Kamu bisa coba lagi ${timestamp}.`,
    budget: (seconds: number) => `Sedang banyak order masuk. Coba lagi dalam ${seconds} detik.`,
    notHere: 'Order tidak bisa dibuat di sini. Pakai channel yang disiapkan server untuk order.',
    missingRole: 'Kamu belum punya role yang dibutuhkan untuk order di sini.',
    notYours: 'Order ini punya orang lain. Cuma dia yang bisa pakai form atau tombol ini.',
    formStale:
      'Form ini sudah lebih dari sehari, jadi tidak dikirim. Tekan Ubah dan kirim ulang untuk mengirimnya sebagai order baru.',
    storageUnavailable:
      'Bot sedang tidak bisa menyimpan order, jadi order tidak dibuat. Coba lagi sebentar lagi.',
    shuttingDown: 'Bot sedang dimulai ulang. Coba lagi dalam satu menit.',
    linkingDisabled:
      'Menghubungkan akun LeuwongRR sendiri tidak diaktifkan di bot ini. Order kamu memakai akun toko.',
    linkRequiredPersonal:
      'Untuk bayar dengan saldo, hubungkan dulu akun LeuwongRR kamu sendiri: jalankan /hubungkan. Atau pakai /pesan untuk bayar lewat invoice.',
    relinkRequired:
      'Token LeuwongRR yang kamu hubungkan tidak bisa dipakai lagi. Jalankan /hubungkan dengan token baru, lalu coba lagi.',
    tokenChanged:
      'Order ini dikirim dengan token LeuwongRR yang dulu kamu hubungkan, jadi bot tidak akan mengirim ulang dengan token lain. Cek order kamu di https://leuwongrr.online, atau hubungkan lagi token itu untuk mencoba ulang.',
    memberTokenRefused:
      'LeuwongRR tidak lagi menerima token yang kamu hubungkan (kedaluwarsa atau dicabut), jadi bot menghapusnya. Jalankan /hubungkan dengan token baru, lalu order lagi.',
    memberForbidden:
      'Akun LeuwongRR kamu tidak aktif atau belum boleh memakai API, jadi order tidak dibuat. Cek akunmu di https://leuwongrr.online.',
    memberLinkRequired:
      'Akun Discord kamu belum terhubung ke akun LeuwongRR yang kamu hubungkan, jadi saldo belum bisa dipakai. Hubungkan Discord di profil https://leuwongrr.online, lalu coba lagi.',
    linkRequiredTryLink:
      'Akun LeuwongRR toko tidak bisa membayar dengan saldomu. Untuk memakai saldomu sendiri, jalankan /hubungkan dengan tokenmu (dan hubungkan Discord di profil https://leuwongrr.online), atau pakai /pesan untuk bayar lewat invoice.',
    sandboxInvoiceOnly: 'Akun LeuwongRR sandbox hanya bisa bayar lewat invoice. Pakai /pesan saja.',
  },
  payment: {
    paidDm: (code: string) => `Invoice LeuwongRR ${code} kamu sudah lunas. Makasih ya!`,
  },
  recovery: {
    dmIntro: (code: string) => `Kabar order LeuwongRR kamu (referensi ${code}):`,
  },
  link: {
    modalTitle: 'Hubungkan akun LeuwongRR kamu',
    intro:
      'Tempel User API token milikmu sendiri. Buat atau salin di halaman User API Access: https://leuwongrr.online/user/api-access. Key sandbox (lrrs_v1_…) boleh dipakai untuk mencoba. Bot menyimpannya terenkripsi, hanya memakainya untuk order kamu sendiri, dan tidak pernah menampilkannya lagi.',
    tokenLabel: 'User API token kamu',
    tokenHelp: 'Diawali lrrs_v1_ (sandbox) atau lrrp_v1_ (produksi)',
    linked: 'Akun LeuwongRR kamu sudah terhubung: /pesan dan /pesan-saldo sekarang memakai akunmu sendiri.',
    accountLinked: 'Akun LeuwongRR kamu sendiri sudah terhubung: order kamu memakainya.',
    environment: 'Lingkungan',
    accountStatus: 'Status akun',
    token: 'Token',
    linkedSince: 'Terhubung',
    balance: 'Saldo',
    balanceUnavailable: 'belum bisa dibaca, coba lagi nanti',
    sandboxNote: 'Sandbox: order uji coba, tidak ada tagihan sungguhan; hanya bayar lewat invoice.',
    unlinkHint: 'Jalankan /putuskan kapan saja untuk menghapus token dari bot.',
    notAToken:
      'Itu tidak terlihat seperti User API token (tanpa spasi; diawali lrrs_v1_ atau lrrp_v1_). Salin lagi dari https://leuwongrr.online/user/api-access. Tidak ada yang disimpan.',
    invalid:
      'LeuwongRR tidak menerima token ini: salah ketik, kedaluwarsa, atau sudah dicabut. Buat yang baru di https://leuwongrr.online/user/api-access lalu jalankan /hubungkan lagi. Tidak ada yang disimpan.',
    notEligible:
      'Akun LeuwongRR pemilik token ini tidak aktif atau belum boleh memakai API. Cek akunmu di https://leuwongrr.online. Tidak ada yang disimpan.',
    unavailable:
      'LeuwongRR sedang tidak bisa dihubungi, jadi token belum bisa dicek. Coba /hubungkan lagi nanti. Tidak ada yang disimpan.',
    unlinked:
      'Token LeuwongRR kamu sudah dihapus dari bot. Order kamu sekarang memakai akun toko. Untuk mencabut tokennya sendiri, hapus di https://leuwongrr.online/user/api-access.',
    nothingToUnlink:
      'Kamu tidak punya token LeuwongRR yang terhubung ke bot ini, jadi tidak ada yang dihapus.',
    notLinked: 'Kamu belum menghubungkan akun LeuwongRR: order kamu memakai akun toko.',
    notLinkedHint: 'Jalankan /hubungkan untuk order dan bayar dengan akun LeuwongRR kamu sendiri.',
    requiredForBalanceHint: 'Bayar dengan saldo (/pesan-saldo) butuh akunmu sendiri yang terhubung.',
    unreadable:
      'Token yang kamu hubungkan tidak bisa dibaca lagi oleh bot (kuncinya sudah diganti). Jalankan /hubungkan lagi, atau /putuskan untuk menghapusnya.',
    refusedNow:
      'LeuwongRR tidak lagi menerima token yang kamu hubungkan (kedaluwarsa atau dicabut), jadi bot menghapusnya. Jalankan /hubungkan dengan token baru.',
    disabledStored:
      'Akun pribadi sedang dimatikan di bot ini, tetapi tokenmu masih tersimpan. Jalankan /putuskan untuk menghapusnya.',
    disabledAccount: 'Akun pribadi tidak diaktifkan di bot ini: order memakai akun LeuwongRR toko.',
    envName: {
      sandbox: 'Sandbox',
      production: 'Produksi',
      unknown: 'Tidak diketahui',
    },
    status: {
      active: 'Aktif',
      suspended: 'Ditangguhkan',
      inactive: 'Tidak aktif',
    },
  },
} as const satisfies Messages;
