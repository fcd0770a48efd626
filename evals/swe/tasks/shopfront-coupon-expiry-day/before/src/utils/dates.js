// Dates are ISO strings `YYYY-MM-DD` (a day) or full timestamps.
export function dayOf(iso) {
  return iso.slice(0, 10)
}

// A coupon is good through the whole of its expiry day.
export function isExpired(expiresOn, now) {
  return dayOf(now) >= dayOf(expiresOn)
}

export function addDays(iso, days) {
  const d = new Date(`${dayOf(iso)}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function daysBetween(a, b) {
  return Math.round((Date.parse(dayOf(b)) - Date.parse(dayOf(a))) / 86_400_000)
}
