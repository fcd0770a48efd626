import {ReportError, type ReportOptions} from './types.js'

// The report's money and power flags: plain non-negative numbers, checked here so the command stays thin.

function parseAmount(flag: string, text: string, positive = false): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (positive && value === 0))
    throw new ReportError(`--${flag} must be a ${positive ? 'positive' : 'non-negative'} number, not \`${text}\``)
  return value
}

export function parseReportOptions(flags: {
  'electricity-price': string
  'cloud-price': string
  'hours-per-day': string
  'gpu-watts'?: string | undefined
  'hardware-cost'?: string | undefined
}): ReportOptions {
  const hoursPerDay = parseAmount('hours-per-day', flags['hours-per-day'], true)
  if (hoursPerDay > 24) throw new ReportError('--hours-per-day must be 24 or less')
  return {
    electricityPrice: parseAmount('electricity-price', flags['electricity-price']),
    cloudPrice: parseAmount('cloud-price', flags['cloud-price']),
    hoursPerDay,
    ...(flags['gpu-watts'] !== undefined ? {gpuWatts: parseAmount('gpu-watts', flags['gpu-watts'], true)} : {}),
    ...(flags['hardware-cost'] !== undefined
      ? {hardwareCostUsd: parseAmount('hardware-cost', flags['hardware-cost'])}
      : {}),
  }
}
