import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface ProductsTable {
  id: string
  /** The developer organisation whose catalogue holds it; null: known only to its cases (migration 0014). */
  organization_id: string | null
  name_ja: string
  name_en: string
  /** Free text: "1.0 – 2.3", "1.2.3 以前". */
  versions: ColumnType<string, string | undefined, string>
  /** A CPE 2.3 formatted string, or null. */
  cpe: string | null
  /** サポート終了日, YYYY-MM-DD: the last day the product is supported (a Japan calendar date). */
  support_end_date: string | null
  /** Support has ended though the date is unknown; always false when a date is set (CHECK). */
  ended_without_date: ColumnType<boolean, boolean | undefined, boolean>
  notes: ColumnType<string, string | undefined, string>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CaseProductsTable {
  case_id: string
  product_id: string
  /** The versions this case concerns (free text); blank: as the product's versions say. */
  versions_affected: ColumnType<string, string | undefined, string>
  added_at: Timestamp
}

/** A product row as read. */
export type Product = Selectable<ProductsTable>

/** Kysely types of the product catalogue (migration 0014-product-catalogue). */
export interface ProductsTables {
  products: ProductsTable
  case_products: CaseProductsTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends ProductsTables {}
}
