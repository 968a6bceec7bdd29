/**
 * Masking of applicants' personal data (身份证件号码、联系电话、地址) wherever it is not needed in full: lists, logs,
 * exports. Only the owning organisation's staff see it unmasked, on the case page (and each such view is audited).
 */

/** 4101**********1234: the first four and last four characters kept. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 138****5678: the first three and last four digits kept. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(phone.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** An address cut to its first six characters (省市区 level), the rest masked. */
export function maskAddress(address: string): string {
  return address.length <= 6 ? address : `${address.slice(0, 6)}****`;
}

/** g***@163.com */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}
