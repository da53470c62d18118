import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { visitGuidePage } from './guide-visit.js'
import { GuideFrame } from './guide-frame.js'

/** The guides' front page: where developers and consumers each start. */
export const guidesRoutes = new Hono<AppEnv>()

guidesRoutes.get('/guides', async (c) => {
  const { t } = c.var
  const visit = await visitGuidePage(c, '/guides')
  return page(c, t('guides.index_title'), (
    <GuideFrame c={c} visit={visit}>
      <p>{t('guides.index_intro')}</p>
      <section>
        <h2>{t('guides.index_developers')}</h2>
        <p>{t('guides.index_developers_text')}</p>
        <ul>
          <li><a href="/guides/developers/checklist">{t('guides.checklist.title')}</a></li>
          <li><a href="/guides/statements">{t('guides.index_statements')}</a>: {t('guides.index_statements_text')}</li>
        </ul>
      </section>
      <section>
        <h2>{t('guides.index_consumers')}</h2>
        <p>{t('guides.index_consumers_text')}</p>
        <ul>
          <li><a href="/guides/consumers/choosing">{t('guides.choosing.title')}</a></li>
          <li><a href="/guides/consumers/using">{t('guides.using.title')}</a></li>
        </ul>
      </section>
    </GuideFrame>
  ))
})
