import {UsageError} from '../errors.js'

// The versions `oac setup` installs, in one place, so that a setup run today and one next month install the same
// thing, and a newer upstream release is a reviewed change here rather than whatever was published that morning.
// Each pin says where the release was seen. `oac setup --engine-version` installs another one.
// Checked on 2026-11-30 from the public record available offline (release notes quoted in dependency-bump pull
// requests, the engines' own repositories); none of them was fetched from the registry itself, so a newer release
// may exist.

export interface EnginePin {
  /** The version or tag installed. */
  version: string
  /** Where the release was seen. */
  source: string
}

export const PINS = {
  /**
   * vLLM v0.28.0: https://github.com/vllm-project/vllm/releases/tag/v0.28.0, its release notes quoted in
   * https://github.com/mudler/LocalAI/pull/11752 (merged 2026-08-27, "bump vllm from 0.26.0 to 0.28.0").
   */
  vllm: {version: '0.28.0', source: 'https://github.com/vllm-project/vllm/releases/tag/v0.28.0'},
  /**
   * SGLang v0.5.19: https://github.com/sgl-project/sglang/releases/tag/v0.5.19, named the latest official release
   * in https://github.com/llm-d/llm-d/issues/2524 (2026-09-17) and https://github.com/AMD-AGI/TraceLens/issues/1006.
   */
  sglang: {version: '0.5.19', source: 'https://github.com/sgl-project/sglang/releases/tag/v0.5.19'},
  /**
   * llama.cpp release tag b10864: https://github.com/ggml-org/llama.cpp/releases/tag/b10864, the tag Ollama's
   * maintainers moved to in https://github.com/ollama/ollama/pull/18317 (merged 2026-09-08).
   */
  llamacpp: {version: 'b10864', source: 'https://github.com/ggml-org/llama.cpp/releases/tag/b10864'},
  /**
   * mlx-lm 0.31.2: https://pypi.org/project/mlx-lm/0.31.2/, the release others moved to in
   * https://github.com/gitkaz/mlx_gguf_server/pull/76 ("update mlx_lm version from 0.31.0 to 0.31.2"). mlx-lm's
   * source was bumped to 0.32.0 on 2026-08-18 (https://github.com/ml-explore/mlx-lm/pull/1753); that release was not
   * seen, so it is not the pin.
   */
  mlx: {version: '0.31.2', source: 'https://pypi.org/project/mlx-lm/0.31.2/'},
  /**
   * Ollama v0.32.15: the newest non-rc tag in the ollama/ollama repository snapshot of 2026-08-21 (tagged
   * 2026-08-19). Its release workflow (.github/workflows/release.yaml at that tag) uploads
   * ollama-linux-<arch>.tar.zst (install.sh still falls back to .tgz for older releases) and a sha256sum.txt made with
   * `find . -type f | xargs sha256sum`, whose lines read `<sha256>  ./<file>`. The published release page itself
   * was not seen (the workflow creates releases as drafts, published by hand): the download fails, and stops, if not.
   */
  ollama: {version: 'v0.32.15', source: 'https://github.com/ollama/ollama/releases/tag/v0.32.15'},
} as const satisfies Record<string, EnginePin>

export type PinnedEngine = keyof typeof PINS

/** What a version of each engine looks like: a PEP 440 release for pip, a bNNNN tag, a vX.Y.Z tag. */
const VERSION_SHAPES: Record<PinnedEngine, {pattern: RegExp; example: string}> = {
  vllm: {pattern: /^\d+(\.\d+){1,3}((a|b|rc|\.post|\.dev)\d+)*$/, example: '0.28.0'},
  sglang: {pattern: /^\d+(\.\d+){1,3}((a|b|rc|\.post|\.dev)\d+)*$/, example: '0.5.19'},
  mlx: {pattern: /^\d+(\.\d+){1,3}((a|b|rc|\.post|\.dev)\d+)*$/, example: '0.31.2'},
  llamacpp: {pattern: /^b\d+$/, example: 'b10864'},
  ollama: {pattern: /^v\d+\.\d+\.\d+(-rc\d+)?$/, example: 'v0.32.15'},
}

export function isPinnedEngine(engine: string): engine is PinnedEngine {
  return Object.hasOwn(PINS, engine)
}

/**
 * The version to install: the override when given (checked against the shape of that engine's versions, since it
 * ends up in a shell command line), else the pin.
 */
export function engineVersion(engine: PinnedEngine, override?: string): string {
  if (override === undefined) return PINS[engine].version
  const shape = VERSION_SHAPES[engine]
  if (!shape.pattern.test(override))
    throw new UsageError(
      `--engine-version ${JSON.stringify(override)} is not a ${engine} version (like ${shape.example})`,
    )
  return override
}
