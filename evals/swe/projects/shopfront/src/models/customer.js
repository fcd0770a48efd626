import {requireFields} from '../utils/validate.js'

export function createCustomer({id, email, region, address}) {
  requireFields({id, email}, ['id', 'email'])
  return {id, email, region: region ?? address?.region, address, points: 0}
}
