// /screen: a pinned wall display runs on its screen token, with no login at all (a refused token
// shows why, full screen, instead of a login page); otherwise the logged-in user's big screen.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Spin } from 'antd';
import type { ScreenTokenView } from '../../../../src/modules/screen-tokens/schemas';
import { api, ApiError, setScreenAuth } from '../../api/client';
import { RequireAuth, RequireRole } from '../../components/RequireAuth';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/texts';
import { loadSettings } from '../../settings';
import { forgetScreenToken, savedScreenToken, saveScreenToken, screenTokenFromAddress } from './screenToken';

// ECharts and the maps: loaded only when a screen is opened.
const ScreenPage = lazy(() => import('./ScreenPage').then((m) => ({ default: m.ScreenPage })));

const RETRY_MS = 10_000;

const REFUSED: Record<string, MessageKey> = {
  screen_token_revoked: 'screen.revoked',
  screen_token_expired: 'screen.expired',
};

const fullScreen = {
  position: 'fixed',
  inset: 0,
  background: 'radial-gradient(ellipse at center, #0b2a5a 0%, #020c1f 75%)',
  color: '#e6f2ff',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
} as const;

function Refused({ code, onLogin }: { code: string; onLogin(): void }) {
  const { t } = useI18n();
  return (
    <div style={fullScreen} data-testid="screen-refused">
      <div style={{ fontSize: 'min(7vw, 72px)', fontWeight: 700, letterSpacing: 8, color: '#ff6b6b', textShadow: '0 0 24px rgba(255,107,107,0.6)' }}>
        {t(REFUSED[code] ?? 'screen.invalid')}
      </div>
      <div style={{ fontSize: 'min(2.4vw, 26px)', color: '#9cc3f5', marginTop: 24 }}>{t('screen.refusedHint')}</div>
      <Button ghost style={{ marginTop: 40 }} onClick={onLogin}>
        {t('screen.loginInstead')}
      </Button>
    </div>
  );
}

function TokenScreen({ token, onLogin }: { token: string; onLogin(): void }) {
  const [state, setState] = useState<{ kind: 'checking' } | { kind: 'ready'; screen: ScreenTokenView } | { kind: 'refused'; code: string }>({ kind: 'checking' });

  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    setScreenAuth({ token, onRejected: (e) => live && setState({ kind: 'refused', code: e.code }) });
    const check = () =>
      api
        .get<ScreenTokenView>('/screen-tokens/current')
        .then(async (screen) => {
          await loadSettings();
          if (live) setState({ kind: 'ready', screen });
        })
        .catch((e: unknown) => {
          // A refused token was reported through onRejected; anything else (server down, network) is tried again.
          if (live && !(e instanceof ApiError && e.status === 401)) retry = setTimeout(check, RETRY_MS);
        });
    void check();
    return () => {
      live = false;
      clearTimeout(retry);
      setScreenAuth(null);
    };
  }, [token]);

  if (state.kind === 'refused') return <Refused code={state.code} onLogin={onLogin} />;
  if (state.kind === 'checking') return <div style={fullScreen}><Spin size="large" /></div>;
  return (
    <Suspense fallback={<div style={fullScreen}><Spin size="large" /></div>}>
      <ScreenPage screen={state.screen} />
    </Suspense>
  );
}

export function ScreenRoute() {
  const [token, setToken] = useState(() => screenTokenFromAddress() ?? savedScreenToken());
  if (token) {
    return (
      <TokenScreen
        token={token}
        onLogin={() => {
          forgetScreenToken();
          setToken(null);
        }}
      />
    );
  }
  return (
    <RequireAuth>
      <RequireRole path="/dashboard">
        <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 120 }} />}>
          <ScreenPage
            onPinned={(pinned) => {
              saveScreenToken(pinned);
              setToken(pinned);
            }}
          />
        </Suspense>
      </RequireRole>
    </RequireAuth>
  );
}
