import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'

// Fake vendor tools for the full `oac setup` run: nvidia-smi, hf, systemctl (records its calls, starts and stops the
// unit's ExecStart in the background) and vllm (a stand-in that `exec`s `oac sim` on the port it was given, serving
// the --served-model-name and, as vLLM does, each --lora-modules NAME).

export const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '')

/**
 * The environment of the `setup --dry-run` golden tests: a home that does not exist (the dry run must create nothing
 * there) and no inherited config, data dir or Hugging Face endpoint, so the printed paths are the same everywhere.
 */
const home = '/home/oac-test'
export const GOLDEN_ENV = {
  HOME: home,
  OAC_HOME: `${home}/.local/share/oac`,
  OAC_CONFIG_DIR: '',
  XDG_CONFIG_HOME: `${home}/.config`,
  XDG_DATA_HOME: '',
  HF_ENDPOINT: '',
  HF_TOKEN: '',
}

function script(dir: string, name: string, body: string): void {
  const path = join(dir, name)
  writeFileSync(path, `#!/bin/sh\n${body}`)
  chmodSync(path, 0o755)
}

/** Writes the fake tools into `bin`; `calls` is the file every tool appends its argv to. */
export function writeFakeTools(bin: string, calls: string, state: string): void {
  mkdirSync(bin, {recursive: true})
  mkdirSync(state, {recursive: true})
  script(
    bin,
    'nvidia-smi',
    `echo "nvidia-smi $*" >> '${calls}'
echo "NVIDIA GeForce RTX 4090, 570.86.10"
echo "NVIDIA GeForce RTX 4090, 570.86.10"
`,
  )
  script(
    bin,
    'hf',
    `echo "hf $*" >> '${calls}'
[ "$1" = download ] || exit 2
rev=main; [ "$3" = --revision ] && rev="$4"
dir="$HF_HOME/hub/models--$(echo "$2" | sed 's|/|--|g')/snapshots/$rev"
mkdir -p "$dir" && echo '{}' > "$dir/config.json"
`,
  )
  script(
    bin,
    'vllm',
    `echo "vllm $*" >> '${calls}'
if [ "$1" = --version ]; then echo 0.11.0; exit 0; fi
[ "$1" = serve ] || exit 2
port=8000; name=sim-model; ctx=32768; lora=
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift ;;
    --lora-modules) lora="$lora --model \${2%%=*}"; shift ;;
    --served-model-name) name="$2"; shift ;;
    --max-model-len) ctx="$2"; shift ;;
  esac
  shift
done
cd '${repoRoot}'
exec node --import tsx bin/dev.js sim --port "$port" --model "$name" $lora --context "$ctx" --ttft-ms 5 --itl-ms 1 \\
  --script fixtures/provision/smoke-tools.yaml
`,
  )
  script(
    bin,
    'systemctl',
    `echo "systemctl $*" >> '${calls}'
[ "$1" = --user ] && shift
[ $# -eq 0 ] && exit 0
cmd="$1"; shift
[ "$1" = --quiet ] && shift
unit="$1"
file="$XDG_CONFIG_HOME/systemd/user/$unit"
pidfile='${state}'/"$unit.pid"
alive() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
stop() { if alive; then kill "$(cat "$pidfile")"; fi; rm -f "$pidfile"; }
case "$cmd" in
  daemon-reload|enable) exit 0 ;;
  is-active) alive ;;
  is-enabled) if [ -f "$file" ]; then echo enabled; else echo disabled; exit 1; fi ;;
  list-unit-files) [ -f "$file" ] && echo "$unit enabled enabled" ;;
  show)
    if [ ! -f "$file" ]; then echo "Id=$unit"; echo LoadState=not-found; echo ActiveState=inactive; exit 0; fi
    echo "Id=$unit"; echo LoadState=loaded; echo UnitFileState=enabled
    if alive; then echo ActiveState=active; echo SubState=running; else echo ActiveState=inactive; echo SubState=dead; fi ;;
  stop) stop ;;
  start|restart)
    [ "$cmd" = start ] && alive && exit 0
    stop
    exec_start=$(sed -n 's/^ExecStart=//p' "$file")
    log=$(sed -n 's/^StandardOutput=append://p' "$file")
    nohup "$exec_start" >> "$log" 2>&1 < /dev/null &
    echo $! > "$pidfile" ;;
  *) exit 1 ;;
esac
`,
  )
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** A base port with `count` free ports from it. */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000)
    const free = await Promise.all(Array.from({length: count}, (_, i) => portFree(base + i)))
    if (free.every(Boolean)) return base
  }
  throw new Error('no free ports')
}
