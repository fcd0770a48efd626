export {DEFAULTS} from './defaults.js'
export {DEFAULT_REGION, TAX_BPS} from './regions.js'
