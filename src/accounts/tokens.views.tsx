import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { TokenSummary } from './tokens.js'

export { TOKEN_EXPIRY_CHOICES } from './tokens.js'

/** The account's API tokens: name, made, last used, end, and a button to revoke each. */
export function TokenList(props: { c: Ctx; tokens: TokenSummary[] }) {
  const { c, tokens } = props
  const { t, lang } = c.var
  const now = c.var.deps.clock.now()
  if (tokens.length === 0) return <p data-testid="no-tokens">{t('accounts.tokens_none')}</p>
  return (
    <table data-testid="api-tokens">
      <thead>
        <tr>
          <th>{t('accounts.token_name')}</th><th>{t('common.created_at')}</th><th>{t('accounts.token_last_used')}</th>
          <th>{t('accounts.token_expires')}</th><th>{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((tok) => {
          const expired = Boolean(tok.expiresAt && tok.expiresAt <= now)
          return (
            <tr data-token-id={tok.id}>
              <td>{tok.name}</td>
              <td>{formatDateTime(tok.createdAt, lang)}</td>
              <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : t('accounts.token_never_used')}</td>
              <td>
                {tok.expiresAt ? formatDateTime(tok.expiresAt, lang) : t('accounts.token_expiry_never')}
                {expired && <> <span class="status" data-status="expired">{t('accounts.token_expired')}</span></>}
              </td>
              <td>
                <form method="post" action={`/account/tokens/${tok.id}/revoke`} class="inline">
                  <Csrf c={c} />
                  <button type="submit" class="secondary" aria-label={t('accounts.token_revoke_named', { name: tok.name })}>{t('accounts.token_revoke')}</button>
                </form>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
