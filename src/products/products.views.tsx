import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import type { CaseSectionProps, OrganizationSection } from '../cases/case-sections.js'
import { productsPolicies } from './products.policies.js'
import { listCatalogue, listCaseProducts, pickableProducts, supportStatus } from './products.usecases.js'
import type { Product } from './products.tables.js'

type Shown = Pick<Product, 'id' | 'name_ja' | 'name_en' | 'versions' | 'cpe' | 'support_end_date' | 'ended_without_date'>

const nameIn = (lang: string, p: { name_ja: string; name_en: string }) => (lang === 'ja' ? p.name_ja : p.name_en)

/** Supported / end of life, with the date or "date unknown". */
export function SupportBadge(props: { c: Ctx; product: Pick<Product, 'support_end_date' | 'ended_without_date'> }) {
  const { t, lang, deps } = props.c.var
  const p = props.product
  const status = supportStatus(p, deps.clock.now())
  return (
    <span data-testid="support-status" data-status={status}>
      <span class={status === 'end_of_life' ? 'badge danger' : 'badge'}>{t(`products.status.${status}`)}</span>{' '}
      {p.support_end_date ? formatDate(p.support_end_date, lang) : p.ended_without_date ? t('products.end_date_unknown') : ''}
    </span>
  )
}

function ProductTable(props: { c: Ctx; products: Shown[]; link?: boolean }) {
  const { t, lang } = props.c.var
  return (
    <table>
      <thead><tr><th>{t('products.name')}</th><th>{t('products.versions')}</th><th>CPE</th><th>{t('products.support')}</th></tr></thead>
      <tbody>
        {props.products.map((p) => (
          <tr data-product={p.id}>
            <td>{props.link ? <a href={`/products/${p.id}`}>{nameIn(lang, p)}</a> : nameIn(lang, p)}</td>
            <td>{p.versions}</td><td>{p.cpe && <code>{p.cpe}</code>}</td><td><SupportBadge c={props.c} product={p} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** An organisation's catalogue with a link to add a product: on its page for staff, on "my products" for its members. */
export async function CatalogueTable(props: { c: Ctx; organizationId: string }) {
  const { c, organizationId } = props
  const { t } = c.var
  const products = await listCatalogue(c.var.deps.db, organizationId)
  return (
    <>
      {products.length === 0 ? <p class="meta">{t('products.none')}</p> : <ProductTable c={c} products={products} link />}
      <p><a href={`/organizations/${organizationId}/products/new`}>{t('products.new')}</a></p>
    </>
  )
}

/** The catalogue on a developer organisation's page (for those who keep it). */
export const OrganizationProductsSection: OrganizationSection = ({ c, org }) => {
  if (org.kind !== 'developer' || !productsPolicies.keepCatalogue(c.var.user, org.id)) return null
  return (
    <section data-section="products" id="products">
      <h2>{c.var.t('products.catalogue')}</h2>
      <CatalogueTable c={c} organizationId={org.id} />
    </section>
  )
}

export type ProductFormValues = Record<string, unknown>

/** Create or edit one product; flat field names (`nameJa`, `nameEn`), as forms keep them. */
export function ProductForm(props: { c: Ctx; action: string; values?: ProductFormValues; error?: unknown }) {
  const { c } = props
  const { t } = c.var
  const v = (k: string) => String(props.values?.[k] ?? '')
  return (
    <>
      <Form c={c} error={props.error} action={props.action} class="stack">
        <Csrf c={c} />
        <Field label={t('products.name_ja')} name="nameJa" required><input id="nameJa" name="nameJa" required maxlength={200} value={v('nameJa')} /></Field>
        <Field label={t('products.name_en')} name="nameEn" required><input id="nameEn" name="nameEn" required maxlength={200} value={v('nameEn')} /></Field>
        <Field label={t('products.versions')} name="versions" hint={t('products.versions_hint')}><input id="versions" name="versions" maxlength={200} value={v('versions')} /></Field>
        <Field label="CPE 2.3" name="cpe" hint={t('products.cpe_hint')}><input id="cpe" name="cpe" maxlength={300} value={v('cpe')} placeholder="cpe:2.3:h:vendor:product:*:*:*:*:*:*:*:*" /></Field>
        <Field label={t('products.support_end_date')} name="supportEndDate" hint={t('products.support_end_hint')}><input id="supportEndDate" name="supportEndDate" type="date" value={v('supportEndDate')} /></Field>
        <Field label={t('products.status')} name="status" hint={t('products.status_hint')}>
          <select id="status" name="status">
            <option value="" selected={!v('status')}>{t('products.status.from_date')}</option>
            <option value="supported" selected={v('status') === 'supported'}>{t('products.status.supported')}</option>
            <option value="end_of_life" selected={v('status') === 'end_of_life'}>{t('products.status.end_of_life')}</option>
          </select>
        </Field>
        <Field label={t('products.notes')} name="notes"><textarea id="notes" name="notes" maxlength={2000}>{v('notes')}</textarea></Field>
        <button type="submit">{t('common.save')}</button>
      </Form>
    </>
  )
}

/** The products a case concerns, and (for its coordinators) picking more from its developers' catalogues. */
export async function CaseProductsSection({ c, view }: CaseSectionProps) {
  if (view.viewer !== 'staff' || view.kase.kind !== 'product' || !productsPolicies.pickCaseProducts(c.var.user, view.relation)) return null
  const { t, lang } = c.var
  const { db } = c.var.deps
  const caseId = view.kase.id
  const picked = await listCaseProducts(db, caseId)
  const pickable = (await pickableProducts(db, caseId)).filter((p) => !picked.some((q) => q.id === p.id))
  return (
    <section data-section="case-products">
      <h2>{t('products.case_section')}</h2>
      {picked.length === 0 ? <p class="meta">{t('products.case_none')}</p> : (
        <table>
          <thead><tr><th>{t('products.developer')}</th><th>{t('products.name')}</th><th>{t('products.versions_affected')}</th><th>{t('products.support')}</th><th></th></tr></thead>
          <tbody>
            {picked.map((p) => (
              <tr data-product={p.id}>
                <td>{p.org_name_ja ? (lang === 'ja' ? p.org_name_ja : p.org_name_en) : <span class="meta">{t('products.no_organization')}</span>}</td>
                <td><a href={`/products/${p.id}`}>{nameIn(lang, p)}</a></td>
                <td>{p.versions_affected || p.versions}</td>
                <td><SupportBadge c={c} product={p} /></td>
                <td>
                  <form method="post" action={`/cases/${caseId}/products/${p.id}/removal`} class="inline">
                    <Csrf c={c} /><button type="submit" class="secondary">{t('products.remove')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pickable.length > 0 ? (
        <form method="post" action={`/cases/${caseId}/products`} class="inline">
          <Csrf c={c} />
          <label for="productId">{t('products.pick')}</label>
          <select id="productId" name="productId" required>
            {pickable.map((p) => <option value={p.id}>{lang === 'ja' ? p.org_name_ja : p.org_name_en} — {nameIn(lang, p)}{p.versions ? ` (${p.versions})` : ''}</option>)}
          </select>
          <label>{t('products.versions_affected')}<input name="versionsAffected" maxlength={200} /></label>
          <button type="submit">{t('products.pick_button')}</button>
        </form>
      ) : <p class="meta">{t('products.nothing_to_pick')}</p>}
      {picked.length > 0 && (
        <form method="post" action={`/cases/${caseId}/advisory/products-from-catalogue`} class="inline">
          <Csrf c={c} />
          <button type="submit" class="secondary">{t('products.fill_advisory')}</button>
          <small class="hint"> {t('products.fill_advisory_hint')}</small>
        </form>
      )}
    </section>
  )
}
