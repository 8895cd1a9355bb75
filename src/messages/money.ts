/**
 * An amount the store sent without formatting it, written the way a reader of each language
 * expects: `Rp16.500` in Indonesian, `IDR 16,500` in English. A value that is not a plain decimal
 * number is shown as the store sent it.
 */
export function formatAmount(amount: string, currency: string | undefined, style: 'id' | 'en'): string {
  const number = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  const code = currency?.trim().toUpperCase() ?? '';
  if (number === null) return `${code} ${amount.trim()}`.trim();
  const [, sign = '', whole = '', fraction = ''] = number;
  const [group, decimal] = style === 'id' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const cents = /^0*$/.test(fraction) ? '' : `${decimal}${fraction}`;
  const digits = `${sign}${grouped}${cents}`;
  if (code === '') return digits;
  if (code === 'IDR' && style === 'id') return `Rp${digits}`;
  return `${code} ${digits}`;
}
