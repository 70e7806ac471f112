/**
 * Masks for lists, exports and logs (PIPL minimisation): enough to tell records apart,
 * not enough to identify a person.
 */
export function maskResidentId(value: string): string {
  return value.length < 10
    ? '*'.repeat(value.length)
    : `${value.slice(0, 6)}********${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  return value.length < 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}****${value.slice(-4)}`;
}

/** Bank account numbers (the household's 一卡通): the last four digits only. */
export function maskAccount(value: string): string {
  return value.length <= 4
    ? '*'.repeat(value.length)
    : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
