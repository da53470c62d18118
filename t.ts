import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import pg from 'pg'
const t0 = Date.now()
const db = await PGlite.create({ extensions: { pg_trgm } })
console.log('create', Date.now() - t0)
const pool = new pg.Pool(createPgConfig(db))
const r = await pool.query('select 1 as x')
console.log(r.rows)
await pool.query('create extension if not exists pg_trgm')
const dump = await db.dumpDataDir('none')
console.log('dump', Date.now() - t0, dump.size)
const t1 = Date.now()
const db2 = await PGlite.create({ loadDataDir: dump, extensions: { pg_trgm } })
console.log('load', Date.now() - t1)
