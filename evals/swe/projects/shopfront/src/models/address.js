import {requireFields} from '../utils/validate.js'

export function createAddress({line1, city, region, postcode}) {
  requireFields({line1, city, region, postcode}, ['line1', 'city', 'region', 'postcode'])
  return {line1, city, region, postcode}
}
