export {parse} from './parse.js'
export {ArgError} from './errors.js'
export {usage} from './usage.js'
