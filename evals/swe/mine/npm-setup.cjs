// oac eval swe mine: installs this checkout's npm dependencies once per lockfile and links them in as node_modules.
// The install is keyed by the dependency fields of package.json and the lockfile (without the package's own name
// and version, which change every release), kept under $OAC_SETUP_CACHE, and done in a scratch folder holding only
// package.json (scripts removed) and the lockfile, with --ignore-scripts: no code of the project runs here.
// Idempotent, and safe to run from several checkouts at once (one installs, the others wait for it).
const fs = require('node:fs')
const path = require('node:path')
const os = require('node:os')
const crypto = require('node:crypto')
const {spawnSync} = require('node:child_process')

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'))
const lock = ['npm-shrinkwrap.json', 'package-lock.json'].find((f) => fs.existsSync(f))
const fields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides']
const key = crypto.createHash('sha256')
for (const f of fields) key.update(`${f}:${JSON.stringify(pkg[f] ?? {})}\n`)
if (lock) {
  const l = JSON.parse(fs.readFileSync(lock, 'utf8'))
  delete l.name
  delete l.version
  if (l.packages?.['']) {
    delete l.packages[''].name
    delete l.packages[''].version
  }
  key.update(JSON.stringify(l))
}
const id = `npm-${key.digest('hex').slice(0, 16)}`
const cache = process.env.OAC_SETUP_CACHE || path.join(os.tmpdir(), 'oac-setup-cache')
const dir = path.join(cache, id)
const ready = () => fs.existsSync(path.join(dir, 'node_modules'))
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
// One install per key at a time: another checkout installing the same dependencies holds `<dir>.lock`; wait for it
// (a lock older than 30 minutes is left from a killed install and is taken over).
const lockDir = `${dir}.lock`
fs.mkdirSync(cache, {recursive: true})
let locked = false
while (!ready() && !locked) {
  try {
    fs.mkdirSync(lockDir)
    locked = true
  } catch {
    const age = Date.now() - (fs.statSync(lockDir, {throwIfNoEntry: false})?.mtimeMs ?? Date.now())
    if (age > 30 * 60 * 1000) fs.rmSync(lockDir, {recursive: true, force: true})
    else sleep(500)
  }
}
if (!locked) console.log(`oac-setup: cache hit ${id}`)
else if (ready()) {
  fs.rmSync(lockDir, {recursive: true, force: true})
  console.log(`oac-setup: cache hit ${id}`)
} else {
  console.log(`oac-setup: cache miss ${id}: ${lock ? 'npm ci' : 'npm install (no lockfile)'}`)
  const tmp = `${dir}.tmp-${process.pid}`
  fs.rmSync(tmp, {recursive: true, force: true})
  fs.mkdirSync(tmp, {recursive: true})
  delete pkg.scripts
  delete pkg.workspaces
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify(pkg, null, 2))
  if (lock) fs.copyFileSync(lock, path.join(tmp, lock))
  const args = lock ? ['ci'] : ['install', '--no-package-lock']
  const r = spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: tmp,
    stdio: 'inherit',
  })
  if (r.status !== 0) {
    fs.rmSync(tmp, {recursive: true, force: true})
    fs.rmSync(lockDir, {recursive: true, force: true})
    process.exit(r.status || 1)
  }
  fs.mkdirSync(path.join(tmp, 'node_modules'), {recursive: true})
  fs.renameSync(tmp, dir)
  fs.rmSync(lockDir, {recursive: true, force: true})
}
fs.rmSync('node_modules', {recursive: true, force: true})
fs.symlinkSync(path.join(dir, 'node_modules'), 'node_modules', 'dir')
