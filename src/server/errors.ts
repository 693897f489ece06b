import { z } from '@hono/zod-openapi';

/** Every error the API can answer with, and the HTTP status it travels under. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  outside_scope: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;
export type TErrorStatus = (typeof ERROR_STATUS)[TErrorCode];

/** The one error type handlers throw; the app turns it into `{ error: { code, message } }`. */
export class AppError extends Error {
  readonly status: TErrorStatus;
  constructor(
    readonly code: TErrorCode,
    message: string,
    /** Extra response headers, e.g. `Retry-After` for `rate_limited`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [TErrorCode, ...TErrorCode[]]),
      message: z.string().openapi({ description: 'Human-readable explanation; never personal data.' }),
    }),
  })
  .openapi('Error');
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** The JSON body of an error response. */
export function errorBody(code: TErrorCode, message: string): TErrorBody {
  return { error: { code, message } };
}
