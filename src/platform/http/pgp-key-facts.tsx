import type { Ctx } from './context.js'
import { formatDate } from '../i18n/index.js'
import type { PublicKeyFacts } from '../mail/openpgp-keys.js'

/** A registered OpenPGP key as people check it: fingerprint and expiry (or "none"). */
export function PgpKeyFacts(props: { c: Ctx; registered: boolean; facts: PublicKeyFacts | null }) {
  const { t, lang } = props.c.var
  if (!props.registered) return <>{t('common.none')}</>
  if (!props.facts) return <>{t('pgp.key_unreadable')}</>
  return (
    <>
      {t('pgp.fingerprint')}: <code class="fingerprint">{props.facts.fingerprint}</code>
      <br />
      {t('pgp.expires')}: {props.facts.expiresAt ? formatDate(props.facts.expiresAt, lang) : t('pgp.no_expiry')}
    </>
  )
}
