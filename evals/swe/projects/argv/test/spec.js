// The flag spec the tests share.
export const SPEC = {
  flags: {
    verbose: {type: 'boolean', alias: 'v'},
    extract: {type: 'boolean', alias: 'x'},
    color: {type: 'boolean', default: true},
    port: {type: 'number', alias: 'p', default: 8080},
    url: {type: 'string', alias: 'u'},
  },
}
