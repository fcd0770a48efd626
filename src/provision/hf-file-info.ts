import {z} from 'zod'
import {DownloadError} from './download-errors.js'

// What the Hugging Face Hub publishes about a file before anyone downloads it: its size and, for files stored
// with Git LFS (every GGUF), the SHA-256 of the content, which LFS uses as the object id. Read from the tree
// listing `GET {endpoint}/api/models/{repo}/tree/{revision}/{folder}`: entries `{type, oid, size, path,
// lfs?: {oid, size, pointerSize}}` (huggingface.js `listFiles`, https://huggingface.co/docs/huggingface.js/hub/
// interfaces/ListFileEntry); `oid` alone is the git blob id (SHA-1 of a pointer), not the content's hash.

export interface HfFileInfo {
  size: number
  /** SHA-256 of the content (the LFS oid); absent for small files kept in git itself. */
  sha256?: string
}

const entry = z.object({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  lfs: z.object({oid: z.string().regex(/^[0-9a-f]{64}$/i), size: z.number().int().nonnegative()}).optional(),
})

const nextLink = (header: string | null) => header?.match(/<([^>]+)>;\s*rel="next"/)?.[1]

/** Size and SHA-256 of `file` in `repo` at `revision`, from the Hub API at `endpoint` (https://huggingface.co). */
export async function hfFileInfo(o: {
  endpoint: string
  repo: string
  file: string
  revision?: string
  headers?: Record<string, string>
  signal?: AbortSignal
}): Promise<HfFileInfo> {
  const folder = o.file.includes('/') ? o.file.slice(0, o.file.lastIndexOf('/')) : ''
  const path = folder ? `/${folder.split('/').map(encodeURIComponent).join('/')}` : ''
  let url: string | undefined =
    `${o.endpoint.replace(/\/$/, '')}/api/models/${o.repo}/tree/${encodeURIComponent(o.revision ?? 'main')}${path}`
  while (url) {
    let res: Response
    try {
      res = await fetch(url, {headers: {'user-agent': 'oac', ...o.headers}, ...(o.signal ? {signal: o.signal} : {})})
    } catch (error) {
      throw new DownloadError(`cannot read the size and checksum of ${o.file} from ${url}: ${(error as Error).message}`)
    }
    if (!res.ok)
      throw new DownloadError(
        `cannot read the size and checksum of ${o.file} from ${url}: HTTP ${res.status}${res.status === 401 || res.status === 403 ? ' (a gated repository needs HF_TOKEN)' : ''}`,
      )
    const list = z.array(z.unknown()).safeParse(await res.json().catch(() => undefined))
    if (!list.success) throw new DownloadError(`${url}: expected a JSON list of files, got something else`)
    for (const raw of list.data) {
      const e = entry.safeParse(raw)
      if (!e.success || e.data.path !== o.file) continue
      if (e.data.type !== 'file') throw new DownloadError(`${o.repo}/${o.file} is a ${e.data.type}, not a file`)
      return e.data.lfs ? {size: e.data.lfs.size, sha256: e.data.lfs.oid.toLowerCase()} : {size: e.data.size}
    }
    url = nextLink(res.headers.get('link'))
  }
  throw new DownloadError(`${o.file} is not in ${o.repo} (revision ${o.revision ?? 'main'}) according to ${o.endpoint}`)
}
