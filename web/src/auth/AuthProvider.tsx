// Who is logged in. The session lives in the httpOnly cookie; this only keeps the user's profile.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, setUnauthorizedHandler } from '../api/client';
import type { User } from '../api/types';
import { loadSettings } from '../settings';
import type { Role } from '../../../src/domain/enums';

interface Auth {
  /** undefined while the session is being checked. */
  user: User | null | undefined;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** Changes the user's own password; other sessions of theirs end, this one goes on. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    api
      .get<User>('/auth/me', undefined, { redirectOn401: false })
      .then(async (me) => {
        if (!me.mustChangePassword) await loadSettings();
        setUser(me);
      })
      .catch(() => setUser(null));
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      if (location.pathname !== '/login') {
        navigate('/login?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, location.pathname, location.search]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<{ token: string; user: User }>('/auth/login', { username, password }, { redirectOn401: false });
    // Until a password an administrator set is changed, nothing but the change answers.
    if (!res.user.mustChangePassword) await loadSettings();
    setUser(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', {}, { redirectOn401: false });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setUser(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await api.post('/auth/password', { currentPassword, newPassword });
    await loadSettings();
    setUser((u) => u && { ...u, mustChangePassword: false });
  }, []);

  const value = useMemo(() => ({ user, login, logout, changePassword }), [user, login, logout, changePassword]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only for components under RequireAuth. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}

export type { Role };
