import {randomBytes} from 'node:crypto'
import type Database from 'better-sqlite3'
import {OacError} from '../errors.js'
import type {ChatMessage} from '../llm/types.js'
import {openDatabase} from '../store/open-database.js'
import {redactDeep, redactSecrets, stripUrlCredentials} from '../store/redact.js'
import {defaultDbPath} from '../store/store.js'
import type {AgentStatus, TokenTotals} from './events.js'

// Agent sessions in the results database (same file, own tables, created by store/migrations.ts): every message as sent to the model, with the
// tokens of each reply. Compaction keeps the old rows (marked compacted), so a session can always be audited;
// resuming loads the rows that are not.

export interface AgentSession {
  id: string
  root: string
  endpoint: string
  model: string
  task: string
  status: AgentStatus | 'running'
  turns: number
  promptTokens: number
  completionTokens: number
  createdAt: string
  updatedAt: string
}

/** What is known about a message besides its content. */
export interface MessageMeta {
  usage?: TokenTotals
  toolName?: string
  isError?: boolean
}

export class SessionNotFoundError extends OacError {
  override name = 'SessionNotFoundError'
}

type SessionRow = Record<
  'id' | 'root' | 'endpoint' | 'model' | 'task' | 'status' | 'created_at' | 'updated_at',
  string
> &
  Record<'turns' | 'prompt_tokens' | 'completion_tokens', number>

const toSession = (r: SessionRow): AgentSession => ({
  id: r.id,
  root: r.root,
  endpoint: r.endpoint,
  model: r.model,
  task: r.task,
  status: r.status as AgentSession['status'],
  turns: r.turns,
  promptTokens: r.prompt_tokens,
  completionTokens: r.completion_tokens,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export class SessionStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string = defaultDbPath()): SessionStore {
    return new SessionStore(openDatabase(file))
  }

  close(): void {
    this.db.close()
  }

  create(input: {root: string; endpoint: string; model: string; task: string}): string {
    const id = randomBytes(6).toString('hex')
    const now = new Date().toISOString()
    this.db
      .prepare(
        `INSERT INTO agent_sessions (id, root, endpoint, model, task, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
      )
      .run(id, input.root, stripUrlCredentials(input.endpoint), input.model, redactSecrets(input.task), now, now)
    return id
  }

  /** A session by id or unique id prefix. */
  get(idOrPrefix: string): AgentSession {
    const rows = this.db
      .prepare(`SELECT * FROM agent_sessions WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC LIMIT 2`)
      .all(idOrPrefix, `${idOrPrefix.replace(/[%_]/g, '')}%`, idOrPrefix) as SessionRow[]
    const [first, second] = rows
    if (!first) throw new SessionNotFoundError(`No agent session \`${idOrPrefix}\` (oac agent prints its id).`)
    if (second && first.id !== idOrPrefix)
      throw new SessionNotFoundError(`Session id \`${idOrPrefix}\` is ambiguous; give more of it.`)
    return toSession(first)
  }

  /** The newest session started in this project root. */
  latest(root: string): AgentSession {
    const row = this.db
      .prepare('SELECT * FROM agent_sessions WHERE root = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1')
      .get(root) as SessionRow | undefined
    if (!row) throw new SessionNotFoundError(`No agent session to continue in ${root}.`)
    return toSession(row)
  }

  /** Sessions, last used first: those started in `root`, or every one without it; at most `limit`. */
  list(o: {root?: string | undefined; limit?: number | undefined} = {}): AgentSession[] {
    const where = o.root === undefined ? '' : 'WHERE root = ?'
    const rows = this.db
      .prepare(`SELECT * FROM agent_sessions ${where} ORDER BY updated_at DESC, rowid DESC LIMIT ?`)
      .all(...(o.root === undefined ? [] : [o.root]), o.limit ?? -1) as SessionRow[]
    return rows.map(toSession)
  }

  /** The live (not compacted) messages of a session, in order. */
  messages(id: string): ChatMessage[] {
    const rows = this.db
      .prepare('SELECT message FROM agent_messages WHERE session_id = ? AND compacted = 0 ORDER BY seq')
      .all(id) as {message: string}[]
    return rows.map((r) => JSON.parse(r.message) as ChatMessage)
  }

  append(id: string, message: ChatMessage, meta: MessageMeta = {}): void {
    this.db
      .prepare(
        `INSERT INTO agent_messages (session_id, seq, role, message, tool_name, is_error, prompt_tokens,
           completion_tokens, created_at)
         VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM agent_messages WHERE session_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        id,
        message.role,
        // Tool output and messages are kept for audit and resume, with secrets redacted string by string.
        JSON.stringify(redactDeep(message)),
        meta.toolName ?? null,
        meta.isError === undefined ? null : Number(meta.isError),
        meta.usage?.promptTokens ?? null,
        meta.usage?.completionTokens ?? null,
        new Date().toISOString(),
      )
  }

  /** After compaction: the old rows stay for the record, marked compacted; the new history follows them. */
  replaceHistory(id: string, messages: ChatMessage[]): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE agent_messages SET compacted = 1 WHERE session_id = ?').run(id)
      for (const m of messages) this.append(id, m)
    })()
  }

  finish(id: string, status: AgentStatus, turns: number, usage: TokenTotals): void {
    this.db
      .prepare(
        `UPDATE agent_sessions SET status = ?, turns = turns + ?, prompt_tokens = prompt_tokens + ?,
           completion_tokens = completion_tokens + ?, updated_at = ? WHERE id = ?`,
      )
      .run(status, turns, usage.promptTokens, usage.completionTokens, new Date().toISOString(), id)
  }

  /** The model the session talks to now (after /model), so that resuming it picks the same one. */
  setModel(id: string, model: string): void {
    this.db.prepare('UPDATE agent_sessions SET model = ? WHERE id = ?').run(model, id)
  }

  /** Deletes sessions (and their messages) by id or prefix; returns which went. */
  delete(ids: string[]): AgentSession[] {
    const gone = [...new Map(ids.map((i) => this.get(i)).map((s) => [s.id, s])).values()]
    this.db.transaction(() => {
      for (const s of gone) this.db.prepare('DELETE FROM agent_sessions WHERE id = ?').run(s.id)
    })()
    this.flushDeleted()
    return gone
  }

  /** Deletes sessions last used before `before` (ISO time); returns which went. */
  prune(before: string): AgentSession[] {
    const gone = this.db
      .prepare('DELETE FROM agent_sessions WHERE updated_at < ? RETURNING *')
      .all(before) as SessionRow[]
    this.flushDeleted()
    // Many sessions at once: give the freed pages back too.
    this.db.exec('VACUUM')
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    return gone.map(toSession)
  }

  /**
   * Deleted text must not linger: the database runs with secure_delete (open-database.ts), so freed pages and cells
   * are zeroed, and the write-ahead log, which still holds the pages as they were, is emptied into the file.
   */
  private flushDeleted(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)')
  }

  /** Whether any session of the project at `root` is left. */
  hasSessions(root: string): boolean {
    return this.db.prepare('SELECT 1 FROM agent_sessions WHERE root = ? LIMIT 1').get(root) !== undefined
  }

  /** Marks a session resumed (running again, newest). */
  touch(id: string): void {
    this.db
      .prepare(`UPDATE agent_sessions SET status = 'running', updated_at = ? WHERE id = ?`)
      .run(new Date().toISOString(), id)
  }
}
