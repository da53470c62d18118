import type { Ctx } from '../platform/http/context.js'
import { GuideIcon } from './guide-icons.js'
import { CHOOSING_FIRST, CHOOSING_MORE, USING, type ConsumerPoint } from './consumer-guides.content.js'

type Translate = Ctx['var']['t']

/** One point: its picture, a short heading, what it means, and how to check it. */
function Point(props: { t: Translate; point: ConsumerPoint; n: number }) {
  const { t, point } = props
  const hints = Array.from({ length: point.hints }, (_, i) => t(`${point.key}.hint${i + 1}`))
  return (
    <li class="guide-point" id={`point-${point.key.split('.').pop()}`}>
      <GuideIcon name={point.icon} />
      <div class="guide-point-body">
        <h3><span class="guide-point-number">{t('guides.consumer.point_number', { n: String(props.n) })}</span>{t(`${point.key}.title`)}</h3>
        <p>{t(`${point.key}.text`)}</p>
        <p class="guide-how">{t('guides.consumer.how_to_check')}</p>
        <ul class="guide-hints">{hints.map((h) => <li>{h}</li>)}</ul>
      </div>
    </li>
  )
}

function Points(props: { t: Translate; points: readonly ConsumerPoint[]; from: number }) {
  return (
    <ol class="guide-points" start={props.from}>
      {props.points.map((point, i) => <Point t={props.t} point={point} n={props.from + i} />)}
    </ol>
  )
}

/** Where a maker answers the guide's questions for one product: a keikai product statement. */
function StatementNote(props: { t: Translate }) {
  const { t } = props
  return (
    <section class="guide-statement">
      <h2><GuideIcon name="statement" />{t('guides.consumer.statement_heading')}</h2>
      <p>{t('guides.consumer.statement_text')}</p>
      <p>{t('guides.consumer.statement_hint')}</p>
    </section>
  )
}

function Choosing(props: { t: Translate }) {
  const { t } = props
  return (
    <>
      <p class="guide-lead">{t('guides.choosing.lead1')}</p>
      <p>{t('guides.choosing.lead2')}</p>
      <section>
        <h2>{t('guides.choosing.first_heading')}</h2>
        <p>{t('guides.choosing.first_intro')}</p>
        <Points t={t} points={CHOOSING_FIRST} from={1} />
      </section>
      <section>
        <h2>{t('guides.choosing.more_heading')}</h2>
        <p>{t('guides.choosing.more_intro')}</p>
        <Points t={t} points={CHOOSING_MORE} from={CHOOSING_FIRST.length + 1} />
      </section>
      <StatementNote t={t} />
      <p class="guide-next">{t('guides.choosing.next')} <a href="/guides/consumers/using">{t('guides.using.title')}</a></p>
    </>
  )
}

function Using(props: { t: Translate }) {
  const { t } = props
  return (
    <>
      <p class="guide-lead">{t('guides.using.lead1')}</p>
      <p>{t('guides.using.lead2')}</p>
      <section>
        <h2>{t('guides.using.points_heading')}</h2>
        <Points t={t} points={USING} from={1} />
      </section>
      <StatementNote t={t} />
      <p class="guide-next">{t('guides.using.next')} <a href="/guides/consumers/choosing">{t('guides.choosing.title')}</a></p>
    </>
  )
}

/**
 * A consumer guide's body, as its page and its downloadable leaflet show it: plain words, a
 * picture per point, and how to check each one. It reads only the language and catalogue, so the
 * downloads can render it in a standalone printable file.
 */
export function ConsumerGuideBody(props: { c: Ctx; guide: 'choosing' | 'using' }) {
  const { t } = props.c.var
  return (
    <div class="guide-document consumer-guide" data-guide={props.guide}>
      {props.guide === 'choosing' ? <Choosing t={t} /> : <Using t={t} />}
    </div>
  )
}
