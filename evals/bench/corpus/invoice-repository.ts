// src/db/invoice-repository.ts
//
// Data access for invoices and their line items. We use the promise wrapper
// from the `sqlite` package over `sqlite3`, one Database per process, WAL mode.
// Money is stored as integer minor units (cents) to avoid float rounding.
//
// Schema (migrations/0003_invoices.sql):
//   invoices(id TEXT PK, tenant_id TEXT, number INTEGER, customer_id TEXT,
//            status TEXT, currency TEXT, issued_at TEXT, due_at TEXT,
//            total_cents INTEGER, created_at TEXT, updated_at TEXT)
//   invoice_lines(id INTEGER PK AUTOINCREMENT, invoice_id TEXT, position INTEGER,
//            description TEXT, quantity REAL, unit_cents INTEGER)
//   UNIQUE(tenant_id, number)

import {randomUUID} from 'node:crypto'
import type {Database} from 'sqlite'

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void'

export interface InvoiceLine {
  description: string
  quantity: number
  unitCents: number
}

export interface Invoice {
  id: string
  tenantId: string
  number: number
  customerId: string
  status: InvoiceStatus
  currency: string
  issuedAt: string | null
  dueAt: string | null
  totalCents: number
  lines: InvoiceLine[]
  createdAt: string
  updatedAt: string
}

export interface ListOptions {
  status?: InvoiceStatus
  customerId?: string
  /** 1-based page number. */
  page?: number
  pageSize?: number
}

interface InvoiceRow {
  id: string
  tenant_id: string
  number: number
  customer_id: string
  status: InvoiceStatus
  currency: string
  issued_at: string | null
  due_at: string | null
  total_cents: number
  created_at: string
  updated_at: string
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConflictError'
  }
}

const ALLOWED_TRANSITIONS: Record<InvoiceStatus, InvoiceStatus[]> = {
  draft: ['open', 'void'],
  open: ['paid', 'void'],
  paid: [],
  void: [],
}

export function lineTotal(line: InvoiceLine): number {
  // Round per line, like the PDF renderer does, so totals always match.
  return Math.round(line.quantity * line.unitCents)
}

function toInvoice(row: InvoiceRow, lines: InvoiceLine[]): Invoice {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    currency: row.currency,
    issuedAt: row.issued_at,
    dueAt: row.due_at,
    totalCents: row.total_cents,
    lines,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export class InvoiceRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Run `fn` inside a transaction. Nested calls reuse the outer one. */
  private depth = 0
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn()
    this.depth++
    await this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = await fn()
      await this.db.exec('COMMIT')
      return result
    } catch (err) {
      await this.db.exec('ROLLBACK')
      throw err
    } finally {
      this.depth--
    }
  }

  private async loadLines(invoiceId: string): Promise<InvoiceLine[]> {
    const rows = await this.db.all<{description: string; quantity: number; unit_cents: number}[]>(
      'SELECT description, quantity, unit_cents FROM invoice_lines WHERE invoice_id = ? ORDER BY position',
      invoiceId,
    )
    return rows.map((r) => ({description: r.description, quantity: r.quantity, unitCents: r.unit_cents}))
  }

  async get(tenantId: string, id: string): Promise<Invoice> {
    const row = await this.db.get<InvoiceRow>('SELECT * FROM invoices WHERE tenant_id = ? AND id = ?', tenantId, id)
    if (!row) throw new NotFoundError(`Invoice ${id}`)
    return toInvoice(row, await this.loadLines(id))
  }

  async list(tenantId: string, opts: ListOptions = {}): Promise<{items: Invoice[]; total: number}> {
    const where = ['tenant_id = ?']
    const args: unknown[] = [tenantId]
    if (opts.status) {
      where.push('status = ?')
      args.push(opts.status)
    }
    if (opts.customerId) {
      where.push('customer_id = ?')
      args.push(opts.customerId)
    }
    const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 500)
    const page = Math.max(opts.page ?? 1, 1)
    const offset = page * pageSize

    const {count} = (await this.db.get<{count: number}>(
      `SELECT COUNT(*) AS count FROM invoices WHERE ${where.join(' AND ')}`,
      ...args,
    ))!
    const rows = await this.db.all<InvoiceRow[]>(
      `SELECT * FROM invoices WHERE ${where.join(' AND ')} ORDER BY number DESC LIMIT ? OFFSET ?`,
      ...args,
      pageSize,
      offset,
    )
    // N+1, but pages are small and invoice_lines has an index on invoice_id.
    const items = await Promise.all(rows.map(async (r) => toInvoice(r, await this.loadLines(r.id))))
    return {items, total: count}
  }

  /** Create a draft. Invoice numbers are per tenant and gap-free. */
  async create(
    tenantId: string,
    input: {customerId: string; currency: string; lines: InvoiceLine[]},
  ): Promise<Invoice> {
    if (!/^[A-Z]{3}$/.test(input.currency)) throw new Error(`Bad currency code: ${input.currency}`)
    return this.transaction(async () => {
      const {next} = (await this.db.get<{next: number}>(
        'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM invoices WHERE tenant_id = ?',
        tenantId,
      ))!
      const id = randomUUID()
      const now = this.clock().toISOString()
      const total = input.lines.reduce((sum, l) => sum + lineTotal(l), 0)
      await this.db.run(
        `INSERT INTO invoices (id, tenant_id, number, customer_id, status, currency, issued_at, due_at,
                               total_cents, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'draft', ?, NULL, NULL, ?, ?, ?)`,
        id,
        tenantId,
        next,
        input.customerId,
        input.currency,
        total,
        now,
        now,
      )
      await this.insertLines(id, input.lines)
      return this.get(tenantId, id)
    })
  }

  private async insertLines(invoiceId: string, lines: InvoiceLine[]) {
    const stmt = await this.db.prepare(
      'INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_cents) VALUES (?, ?, ?, ?, ?)',
    )
    for (const [i, line] of lines.entries()) {
      if (line.quantity <= 0) throw new Error(`Line ${i + 1}: quantity must be positive`)
      await stmt.run(invoiceId, i, line.description, line.quantity, line.unitCents)
    }
    await stmt.finalize()
  }

  /** Replace all lines of a draft invoice and recompute its total. */
  async replaceLines(tenantId: string, id: string, lines: InvoiceLine[]): Promise<Invoice> {
    return this.transaction(async () => {
      const inv = await this.get(tenantId, id)
      if (inv.status !== 'draft') throw new ConflictError(`Invoice ${id} is ${inv.status}; only drafts can be edited`)
      await this.db.run('DELETE FROM invoice_lines WHERE invoice_id = ?', id)
      this.insertLines(id, lines)
      const total = lines.reduce((sum, l) => sum + lineTotal(l), 0)
      await this.db.run(
        'UPDATE invoices SET total_cents = ?, updated_at = ? WHERE id = ?',
        total,
        this.clock().toISOString(),
        id,
      )
      return this.get(tenantId, id)
    })
  }

  async transition(tenantId: string, id: string, to: InvoiceStatus, opts: {dueInDays?: number} = {}): Promise<Invoice> {
    return this.transaction(async () => {
      const inv = await this.get(tenantId, id)
      if (!ALLOWED_TRANSITIONS[inv.status].includes(to)) {
        throw new ConflictError(`Cannot move invoice ${id} from ${inv.status} to ${to}`)
      }
      const now = this.clock()
      const sets = ['status = ?', 'updated_at = ?']
      const args: unknown[] = [to, now.toISOString()]
      if (to === 'open') {
        const due = new Date(now.getTime() + (opts.dueInDays ?? 30) * 86_400_000)
        sets.push('issued_at = ?', 'due_at = ?')
        args.push(now.toISOString(), due.toISOString())
      }
      await this.db.run(`UPDATE invoices SET ${sets.join(', ')} WHERE id = ?`, ...args, id)
      return this.get(tenantId, id)
    })
  }

  /** Open invoices whose due date has passed, oldest first. */
  async overdue(tenantId: string, asOf = this.clock()): Promise<Invoice[]> {
    const rows = await this.db.all<InvoiceRow[]>(
      "SELECT * FROM invoices WHERE tenant_id = ? AND status = 'open' AND due_at < ? ORDER BY due_at",
      tenantId,
      asOf.toISOString(),
    )
    return Promise.all(rows.map(async (r) => toInvoice(r, await this.loadLines(r.id))))
  }

  async delete(tenantId: string, id: string): Promise<void> {
    const inv = await this.get(tenantId, id)
    if (inv.status !== 'draft') throw new ConflictError('Only drafts can be deleted; void the invoice instead')
    await this.db.run('DELETE FROM invoice_lines WHERE invoice_id = ?', id)
    await this.db.run('DELETE FROM invoices WHERE id = ?', id)
  }
}
