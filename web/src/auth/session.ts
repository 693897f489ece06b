import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMe, login, logout, type TLoginOptions } from '../api/auth.ts';
import { setCsrfToken } from '../api/http.ts';
import type { TSession, TUser } from '../api/types.ts';

/** Query key of the session; the query cache is the single store of who is logged in. */
export const SESSION_KEY = ['session'] as const;

async function loadSession(): Promise<TSession | null> {
  const session = await fetchMe();
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

export type TSessionState =
  | { status: 'loading' }
  | { status: 'error'; error: Error; retry: () => void }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: TUser };

/** The logged-in user, asked once from `/api/auth/me` and then kept until login or logout changes it. */
export function useSession(): TSessionState {
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: loadSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (query.isPending) return { status: 'loading' };
  if (query.isError) return { status: 'error', error: query.error, retry: () => void query.refetch() };
  return query.data ? { status: 'authenticated', user: query.data.user } : { status: 'anonymous' };
}

/** Logs in and stores the session (user and CSRF token) for the rest of the app. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: TLoginOptions) => login(options),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // Data cached under a previous user must never show to the next one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

/**
 * Logs out, then reloads on the login page. A full reload rather than a route change makes sure nothing
 * of the previous user's data survives in memory, and it happens even though the component that asked
 * for it unmounts as soon as the session is gone.
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => logout(),
    onSettled: () => {
      setCsrfToken(null);
      window.location.replace('/login');
    },
  });
}
