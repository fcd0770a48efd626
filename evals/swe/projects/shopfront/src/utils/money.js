// Cents arithmetic. Rounding is half away from zero, as receipts do.
export function roundCents(x) {
  return Math.sign(x) * Math.round(Math.abs(x))
}

export function percentOf(cents, bps) {
  return roundCents((cents * bps) / 10000)
}

export function formatCents(cents) {
  return `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`
}
