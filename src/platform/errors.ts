/** An error a user or client can act on: a stable code, an HTTP status and a message key. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code)
  }
}

export const errors = {
  invalidInput: (details: unknown) => new AppError('request.invalid', 400, 'The request is invalid.', details),
  notFound: () => new AppError('request.not_found', 404, 'Not found.'),
  unauthenticated: () => new AppError('auth.required', 401, 'Sign in first.'),
  forbidden: () => new AppError('auth.forbidden', 403, 'You may not do this.'),
  csrf: () => new AppError('auth.csrf', 403, 'The form expired or came from another site. Reload the page and try again.'),
  tooLarge: () => new AppError('request.too_large', 413, 'The upload is too large.'),
  rateLimited: (retryAfterSeconds?: number) => new AppError('request.rate_limited', 429, 'Too many requests. Try again later.', retryAfterSeconds === undefined ? undefined : { retryAfterSeconds }),
}
