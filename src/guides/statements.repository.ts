import type { DB } from '../platform/db/database.js'

/** A product's public statement as stored, with its organisation's name. */
export type Statement = {
  id: string
  organizationId: string
  organizationName: { ja: string; en: string }
  slug: string
  productName: string
  supportEndsOn: string | null
  supportNote: { ja: string; en: string }
  contactUrl: string | null
  contactEmail: string | null
  updateMethod: { ja: string; en: string }
  checklistResultId: string | null
  publishedAt: Date | null
  updatedAt: Date
}

/** What an organisation writes into a statement. */
export type StatementFields = Pick<Statement, 'slug' | 'productName' | 'supportEndsOn' | 'supportNote' | 'contactUrl' | 'contactEmail' | 'updateMethod' | 'checklistResultId'>

const base = (db: DB) => db.selectFrom('guide_statements')
  .innerJoin('organizations', 'organizations.id', 'guide_statements.organization_id')
  .selectAll('guide_statements').select(['organizations.name_ja', 'organizations.name_en'])

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>

const toStatement = (r: Row): Statement => ({
  id: r.id, organizationId: r.organization_id, organizationName: { ja: r.name_ja, en: r.name_en }, slug: r.slug, productName: r.product_name,
  supportEndsOn: r.support_ends_on === null ? null : dateText(r.support_ends_on), supportNote: { ja: r.support_note_ja, en: r.support_note_en },
  contactUrl: r.contact_url, contactEmail: r.contact_email, updateMethod: { ja: r.update_method_ja, en: r.update_method_en },
  checklistResultId: r.checklist_result_id, publishedAt: r.published_at, updatedAt: r.updated_at,
})

/** A `date` column as YYYY-MM-DD, whichever way the driver hands it over. */
const dateText = (d: unknown): string => (d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d).slice(0, 10))

export async function findStatement(db: DB, slug: string): Promise<Statement | undefined> {
  const row = await base(db).where('guide_statements.slug', '=', slug).executeTakeFirst()
  return row ? toStatement(row) : undefined
}

export async function findPublishedStatement(db: DB, slug: string): Promise<Statement | undefined> {
  const s = await findStatement(db, slug)
  return s?.publishedAt ? s : undefined
}

/** One organisation's statements, newest change first. */
export async function listStatements(db: DB, organizationId: string): Promise<Statement[]> {
  const rows = await base(db).where('guide_statements.organization_id', '=', organizationId).orderBy('guide_statements.updated_at', 'desc').limit(500).execute()
  return rows.map(toStatement)
}

export async function slugTaken(db: DB, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('guide_statements').select('id').where('slug', '=', slug)
  if (exceptId) q = q.where('id', '<>', exceptId)
  return Boolean(await q.executeTakeFirst())
}

const columns = (f: StatementFields) => ({
  slug: f.slug, product_name: f.productName, support_ends_on: f.supportEndsOn, support_note_ja: f.supportNote.ja, support_note_en: f.supportNote.en,
  contact_url: f.contactUrl, contact_email: f.contactEmail, update_method_ja: f.updateMethod.ja, update_method_en: f.updateMethod.en,
  checklist_result_id: f.checklistResultId,
})

export async function insertStatement(db: DB, s: StatementFields & { id: string; organizationId: string; by: string; now: Date }): Promise<void> {
  await db.insertInto('guide_statements').values({ ...columns(s), id: s.id, organization_id: s.organizationId, created_by: s.by, created_at: s.now, updated_at: s.now }).execute()
}

export async function updateStatement(db: DB, id: string, f: StatementFields, now: Date): Promise<void> {
  await db.updateTable('guide_statements').set({ ...columns(f), updated_at: now }).where('id', '=', id).execute()
}

export async function setStatementPublished(db: DB, id: string, publishedAt: Date | null, now: Date): Promise<void> {
  await db.updateTable('guide_statements').set({ published_at: publishedAt, updated_at: now }).where('id', '=', id).execute()
}

/** How the API shows a published statement. */
export const presentStatement = (s: Statement) => ({
  slug: s.slug, productName: s.productName, organization: { id: s.organizationId, name: s.organizationName },
  supportEndsOn: s.supportEndsOn, supportNote: s.supportNote, contactUrl: s.contactUrl, contactEmail: s.contactEmail,
  updateMethod: s.updateMethod, publishedAt: s.publishedAt?.toISOString() ?? null, updatedAt: s.updatedAt.toISOString(),
})
