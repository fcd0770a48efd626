import {GiB} from '../../profiles/memory.js'
import type {FinetunePlan} from './plan.js'

// The plan for people: the memory breakdown against the device, the time per epoch (assumed throughput said so),
// and the files to run.

const gib = (b: number) => `${(b / GiB).toFixed(1)} GiB`

export function renderFinetunePlan(p: FinetunePlan): string {
  const m = p.memory
  const method =
    p.backend === 'mlx'
      ? `mlx_lm.lora ${p.shape.method === 'qlora' ? '(4-bit base)' : '(16-bit base)'}`
      : `Unsloth ${p.shape.method.toUpperCase()}`
  return [
    `${p.model} (${p.hf}) on ${p.profile}: ${method}, rank ${p.shape.rank}, seq ${p.shape.seqLen} × batch ${p.shape.batch}`,
    '',
    `  base weights   ${gib(m.weights)}`,
    `  adapter        ${gib(m.adapter)}  (${(m.adapterParams / 1e6).toFixed(1)} M parameters, with gradients and ${p.shape.optimizer} state)`,
    `  activations    ${gib(m.activations)}`,
    `  overhead       ${gib(m.overhead)}`,
    `  total          ${gib(m.total)} of ${m.deviceGiB} GiB: ${p.fits ? 'fits' : 'does NOT fit (lower --seq-len, --batch or --rank, or a smaller model)'}`,
    '',
    `  time           ${p.time.hoursPerEpoch.toFixed(1)} h per epoch: ${p.time.tokensPerEpoch} tokens (${p.time.tokensSource === 'card' ? 'from the dataset card' : 'assumed; pass --data card.json'}) at ${p.time.tokensPerSecond} tokens/s (assumed: 30% of the device's peak; measure it on the first steps)`,
    '',
    `  files          ${p.scripts.join(', ')}`,
    `  serve          ${p.serve}`,
    '',
    'oac does not train: run the files on the training box, then `oac finetune compare` before keeping the adapter.',
  ].join('\n')
}
