/** Google's JSON error body, as the Admin SDK sends it. */
export function googleError(code: number, message: string, reason: string, status?: string): unknown {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason }],
      ...(status ? { status } : {}),
    },
  };
}

export const UNAUTHENTICATED = googleError(
  401,
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  'authError',
  'UNAUTHENTICATED',
);
export const NOT_AUTHORIZED = googleError(403, 'Not Authorized to access this resource/api', 'forbidden');
