import type { Ctx } from '../platform/http/context.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import type { StoredChecklistItem } from './guides.tables.js'
import { checklistItemPath } from './guide-pages.js'
import { currentChecklist, type ChecklistVersion } from './checklist.repository.js'
import { guidesPolicies } from './guides.policies.js'

export const PARTS = [1, 2, 3] as const

/** The item's text in the reader's language. */
export const inLang = (c: Ctx, text: { ja: string; en: string }) => text[c.var.lang]

export const partTitle = (c: Ctx, part: 1 | 2 | 3) => c.var.t(`guides.checklist.part_${part}`)

/** "Version 2 (published 2026-11-01)" or "Version 1 (the first edition)". */
export function VersionLine(props: { c: Ctx; checklist: ChecklistVersion }) {
  const { t, lang } = props.c.var
  const { version, publishedAt } = props.checklist
  return <p class="meta">{publishedAt ? t('guides.checklist.version_published', { version, date: formatDate(publishedAt, lang) }) : t('guides.checklist.version_first', { version })}</p>
}

/** One level's choice: "Level 2 (recommended)" and what meeting it means. */
function LevelChoice(props: { c: Ctx; n: number; level: 0 | 1 | 2 | 3; text?: string; checked: boolean }) {
  const { t } = props.c.var
  const id = `a${props.n}-${props.level}`
  return (
    <label class="level-choice" for={id}>
      <input type="radio" id={id} name={`a${props.n}`} value={String(props.level)} checked={props.checked} />
      <span><strong>{t(`guides.checklist.level_${props.level}`)}</strong>{props.text && <> {props.text}</>}</span>
    </label>
  )
}

/**
 * The checklist to fill in: a plain GET form, so it works without JavaScript or an account and its
 * result is a bookmark. `values` are the answers to show again (a refused query, "change answers").
 */
export function ChecklistForm(props: { c: Ctx; checklist: ChecklistVersion; values?: Record<string, unknown>; error?: unknown }) {
  const { c, checklist } = props
  const { t } = c.var
  const values = props.values ?? {}
  const product = typeof values.product === 'string' ? values.product : ''
  return (
    <>
      <p>{t('guides.checklist.intro')}</p>
      <p>{t('guides.checklist.levels_explained')}</p>
      <p class="meta">{t('guides.checklist.how_kept')}</p>
      <VersionLine c={c} checklist={checklist} />
      <p class="no-print">
        <a href="/guides/consumers/choosing">{t('guides.checklist.consumer_link')}</a>
        {c.var.user && <> · <a href="/guides/developers/checklist/results">{t('guides.checklist.saved_title')}</a></>}
        {guidesPolicies.manageStatements(c.var.user) && <> · <a href="/guides/statements">{t('guides.statements.list_title')}</a></>}
        {guidesPolicies.editGuides(c.var.user) && <> · <a href="/guides/developers/checklist/edit">{t('guides.checklist.edit_title')}</a></>}
      </p>
      <Form c={c} error={props.error} method="get" action="/guides/developers/checklist/result" class="stack checklist-form">
        <input type="hidden" name="v" value={String(checklist.version)} />
        <Field label={t('guides.checklist.product_name')} name="product" hint={t('guides.checklist.product_name_hint')}>
          <input id="product" name="product" maxlength={200} value={product} autocomplete="off" />
        </Field>
        {PARTS.map((part) => (
          <section class="checklist-part">
            <h2>{partTitle(c, part)}</h2>
            {checklist.items.filter((i) => i.part === part).map((item) => {
              const chosen = values[`a${item.number}`]
              return (
                <Field label={t('guides.checklist.item_heading', { number: item.number, title: inLang(c, item.title) })} name={`a${item.number}`} group>
                  <p class="hint">{inLang(c, item.summary)} <a href={checklistItemPath(item.number)}>{t('guides.checklist.item_more', { number: item.number })}</a></p>
                  <LevelChoice c={c} n={item.number} level={0} checked={chosen === '0'} />
                  {item.levels.map((l) => <LevelChoice c={c} n={item.number} level={l.level} text={inLang(c, l.text)} checked={chosen === String(l.level)} />)}
                </Field>
              )
            })}
          </section>
        ))}
        <p><button type="submit">{t('guides.checklist.show_result')}</button></p>
      </Form>
    </>
  )
}

/** One item's levels as a definition list: what each level means and what reaching it takes. */
export function ItemLevels(props: { c: Ctx; item: StoredChecklistItem; withNext?: boolean }) {
  const { c, item } = props
  return (
    <dl class="checklist-levels">
      {item.levels.map((l) => (
        <>
          <dt>{c.var.t(`guides.checklist.level_${l.level}`)}</dt>
          <dd>
            {inLang(c, l.text)}
            {props.withNext && <p class="meta">{c.var.t('guides.checklist.how_to_reach')} {inLang(c, l.next)}</p>}
          </dd>
        </>
      ))}
    </dl>
  )
}

/** An item's own page: what it means, its three levels, and how to reach each. */
export function ChecklistItemView(props: { c: Ctx; item: StoredChecklistItem; checklist: ChecklistVersion }) {
  const { c, item } = props
  const { t } = c.var
  return (
    <>
      <p class="meta">{partTitle(c, item.part)}</p>
      <p>{inLang(c, item.summary)}</p>
      <h2>{t('guides.checklist.levels_title')}</h2>
      <ItemLevels c={c} item={item} withNext />
      <VersionLine c={c} checklist={props.checklist} />
      <p class="no-print"><a href="/guides/developers/checklist">{t('guides.checklist.back_to_checklist')}</a></p>
    </>
  )
}

/**
 * The blank checklist as a document to print or download: every part, item and level, with a box
 * to mark the level reached.
 */
export async function ChecklistDocument(props: { c: Ctx }) {
  const { c } = props
  const { t } = c.var
  const checklist = await currentChecklist(c.var.deps.db)
  return (
    <section class="guide-document checklist-document">
      <h2>{t('guides.checklist.title')}</h2>
      <p>{t('guides.checklist.intro')}</p>
      <p>{t('guides.checklist.levels_explained')}</p>
      <VersionLine c={c} checklist={checklist} />
      <p>{t('guides.checklist.product_name')}: ____________________________</p>
      {PARTS.map((part) => (
        <section class="checklist-part">
          <h3>{partTitle(c, part)}</h3>
          {checklist.items.filter((i) => i.part === part).map((item) => (
            <div class="checklist-item">
              <h4>{t('guides.checklist.item_heading', { number: item.number, title: inLang(c, item.title) })}</h4>
              <p>{inLang(c, item.summary)}</p>
              <ul class="checklist-boxes">
                <li>☐ {t('guides.checklist.level_0')}</li>
                {item.levels.map((l) => <li>☐ <strong>{t(`guides.checklist.level_${l.level}`)}</strong> {inLang(c, l.text)}</li>)}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  )
}
