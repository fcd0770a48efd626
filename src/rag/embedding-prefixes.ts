// Some embedding models were trained with a task prefix on every input and retrieve poorly without it. The query
// and document prefixes each one expects, from its model card on Hugging Face; models not listed take none.

export interface Prefixes {
  query: string
  document: string
}

const SEARCH_PASSAGES = 'Represent this sentence for searching relevant passages: '

const KNOWN: [RegExp, Prefixes][] = [
  // huggingface.co/nomic-ai/nomic-embed-code
  [/nomic-embed-code/i, {query: 'Represent this query for searching relevant code: ', document: ''}],
  // huggingface.co/nomic-ai/nomic-embed-text-v1.5 (also v1 and v2-moe)
  [/nomic-embed-text/i, {query: 'search_query: ', document: 'search_document: '}],
  // huggingface.co/intfloat/e5-base-v2, multilingual-e5-large
  [/(^|[/-])e5-/i, {query: 'query: ', document: 'passage: '}],
  // huggingface.co/BAAI/bge-base-en-v1.5 (the query instruction; documents go without)
  [/bge-(small|base|large)-en/i, {query: SEARCH_PASSAGES, document: ''}],
  // huggingface.co/mixedbread-ai/mxbai-embed-large-v1
  [/mxbai-embed/i, {query: SEARCH_PASSAGES, document: ''}],
  // huggingface.co/Snowflake/snowflake-arctic-embed-m
  [/arctic-embed/i, {query: SEARCH_PASSAGES, document: ''}],
  // huggingface.co/Qwen/Qwen3-Embedding-0.6B: an instruction on queries only
  [
    /qwen3-embedding/i,
    {query: 'Instruct: Given a question about a codebase, retrieve the code that answers it\nQuery:', document: ''},
  ],
]

export function prefixesFor(model: string): Prefixes {
  return KNOWN.find(([re]) => re.test(model))?.[1] ?? {query: '', document: ''}
}
