import {readFile} from 'node:fs/promises'
import {z} from 'zod'
import {OacError} from '../../errors.js'

// Questions with the files that answer them: `oac eval retrieval --questions FILE` takes a JSON array of
// {q, gold: [paths]}; the bench's fixtures (fixtures/retrieval/*.json) wrap the same list with where the code comes from.

export const question = z.object({
  q: z.string().min(1),
  gold: z.array(z.string().min(1)).min(1),
  /** shared words, paraphrase or cross-file (fixtures label each; mined questions are `history`). */
  type: z.string().optional(),
})
export type Question = z.infer<typeof question>

export const questionList = z.array(question).min(1)

export const questionFixture = z.object({
  name: z.string(),
  language: z.string(),
  source: z.object({repo: z.string(), commit: z.string().regex(/^[0-9a-f]{40}$/)}),
  /** Folders removed from the snapshot before indexing (a website, say), named in the bench's output. */
  drop: z.array(z.string()).default([]),
  questions: questionList,
})
export type QuestionFixture = z.infer<typeof questionFixture>

export class QuestionsFileError extends OacError {
  override name = 'QuestionsFileError'
}

/** Reads and checks a questions file; every problem names the file and, for a bad entry, its index and field. */
export async function loadQuestions(file: string): Promise<Question[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new QuestionsFileError(`Cannot read the questions file ${file}: ${e.code ?? e.message}`)
  })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new QuestionsFileError(`${file} is not JSON: ${(error as Error).message}`)
  }
  const parsed = questionList.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length
      ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
      : 'the top level'
    throw new QuestionsFileError(
      `${file}: ${where}: ${issue?.message ?? 'not as expected'}; expected a JSON array of {"q": "question", "gold": ["path/of/file.ts"]}`,
    )
  }
  return parsed.data
}
