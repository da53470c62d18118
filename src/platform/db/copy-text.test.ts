import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { freshDatabase } from '../../../test/support/database.js'
import type { DatabaseHandle } from './database.js'
import { copyLine } from './copy-text.js'

/** COPY text read back by the real server (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): what goes in is what comes out. */

let h: DatabaseHandle
beforeAll(async () => {
  h = await freshDatabase()
  await sql`create table copy_probe (n int primary key, t text, a text[], j jsonb, at timestamptz)`.execute(h.db)
})
afterAll(async () => h.close())

const nasty = ['back\\slash', 'tab\there', 'new\nline', 'carriage\rreturn', 'quote " and \\" escaped', '{braces}, commas', 'NULL', '\\N', '日本語テキスト ｶﾀｶﾅ', '']

describe('COPY text (copyLine) through CopyIn', () => {
  it('loads text, arrays, JSON, times and nulls exactly, inside the session\'s transaction', async () => {
    const rows = nasty.map((t, n) => ({ n, t, a: [t, `${t}!`, '"'], j: { t, nested: [t, null, 1.5] }, at: new Date(Date.UTC(2026, 0, 1 + n, 12, 30)) }))
    await h.session(async (db, copyIn) => {
      await db.transaction().execute(async (trx) => {
        await copyIn('copy_probe', ['n', 't', 'a', 'j', 'at'], rows.map((r) => copyLine([r.n, r.t, r.a, JSON.stringify(r.j), r.at])))
        await copyIn('copy_probe', ['n', 't', 'a', 'j', 'at'], [copyLine([100, null, [], null, null])])
        const inside = await sql<{ count: number }>`select count(*)::int as count from copy_probe`.execute(trx)
        expect(inside.rows[0]!.count).toBe(rows.length + 1)
      })
    })
    const back = await sql<{ n: number; t: string | null; a: string[]; j: unknown; at: Date | null }>`select * from copy_probe order by n`.execute(h.db)
    expect(back.rows.slice(0, rows.length)).toEqual(rows)
    expect(back.rows.at(-1)).toEqual({ n: 100, t: null, a: [], j: null, at: null })
  })

  it('a bad line fails the load with the server\'s message, and nothing of it stays', async () => {
    await expect(h.session((_db, copyIn) => copyIn('copy_probe', ['n', 't'], [copyLine([200, 'fine']), 'not-a-number\tx\n']))).rejects.toThrow(/integer/)
    const { rows } = await sql<{ count: number }>`select count(*)::int as count from copy_probe where n = 200`.execute(h.db)
    expect(rows[0]!.count).toBe(0)
    // The handle still works afterwards (the failed session's connection was not handed on).
    await h.session(async (_db, copyIn) => copyIn('copy_probe', ['n', 't'], [copyLine([201, 'after'])]))
    const after = await sql<{ t: string }>`select t from copy_probe where n = 201`.execute(h.db)
    expect(after.rows[0]!.t).toBe('after')
  })
})
