import {type DownloadOptions, type DownloadResult, downloadFile, huggingFaceUrl} from './download.js'
import {hfFileInfo} from './hf-file-info.js'

// A model file from the Hugging Face Hub, verified against what the Hub publishes: size (enough disk before the
// first byte) and SHA-256 (checked before the file takes its place; a mismatch is downloaded once more).

export interface HfDownloadOptions extends Omit<DownloadOptions, 'url' | 'sha256' | 'size'> {
  repo: string
  file: string
  revision?: string
  /** https://huggingface.co, or $HF_ENDPOINT (a mirror; a local server in tests). */
  endpoint?: string
}

export async function downloadHfFile(o: HfDownloadOptions): Promise<DownloadResult & {expectedSha256?: string}> {
  const endpoint = (o.endpoint ?? 'https://huggingface.co').replace(/\/$/, '')
  const {repo, file, revision, endpoint: _endpoint, ...rest} = o
  const info = await hfFileInfo({
    endpoint,
    repo,
    file,
    ...(revision ? {revision} : {}),
    ...(o.headers ? {headers: o.headers} : {}),
    ...(o.signal ? {signal: o.signal} : {}),
  })
  const url = huggingFaceUrl(repo, file, revision).replace('https://huggingface.co', endpoint)
  const result = await downloadFile({...rest, url, size: info.size, ...(info.sha256 ? {sha256: info.sha256} : {})})
  return info.sha256 ? {...result, expectedSha256: info.sha256} : result
}
