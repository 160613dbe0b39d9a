// Routes: /login, then the pages inside the layout, each guarded by role.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useAuth } from './auth/AuthProvider';
import { AppLayout } from './components/AppLayout';
import { RequireAuth, RequireRole } from './components/RequireAuth';
import { useI18n } from './i18n/I18nProvider';
import { ArrivalDetailPage } from './pages/ArrivalDetailPage';
import { ArrivalListPage } from './pages/ArrivalListPage';
import { DeskPage } from './pages/DeskPage';
import { InboxPage } from './pages/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { EntryPointsPage } from './pages/admin/EntryPointsPage';
import { UnitsPage } from './pages/admin/UnitsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { PoliciesPage } from './pages/admin/PoliciesPage';
import { SituationPage } from './pages/admin/SituationPage';
import { BoundariesPage } from './pages/admin/BoundariesPage';
import { ScreensPage } from './pages/admin/ScreensPage';
import { ScreenRoute } from './pages/dashboard/ScreenRoute';
import { CarePage } from './pages/care/CarePage';
import { AssistancePage } from './pages/assistance/AssistancePage';
import { AlertsPage } from './pages/observation/AlertsPage';
import { DailyChecksPage } from './pages/observation/DailyChecksPage';
import { OpenObservationPage } from './pages/observation/OpenObservationPage';
import { ReleasePage } from './pages/observation/ReleasePage';
import { PersonPage } from './pages/persons/PersonPage';
import { PersonsPage } from './pages/persons/PersonsPage';
import { SitesPage } from './pages/sites/SitesPage';
import { CasesPage } from './pages/cases/CasesPage';
import { ClustersPage } from './pages/cases/ClustersPage';
import { ContactsPage } from './pages/cases/ContactsPage';
import { homeOf } from './routes';

// The dashboard pages carry ECharts and the map data: loaded only when opened.
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
// The case page draws the transmission chain with ECharts: loaded when opened, too.
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const lazyPage = (page: ReactNode) => <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 120 }} />}>{page}</Suspense>;

function Home() {
  const { user } = useAuth();
  return user ? <Navigate to={homeOf(user.role)} replace /> : null;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}

const guarded = (path: string, page: ReactNode) => <RequireRole path={path}>{page}</RequireRole>;

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/screen"
        element={<ScreenRoute />}
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="/dashboard" element={guarded('/dashboard', lazyPage(<DashboardPage />))} />
        <Route path="/desk" element={guarded('/desk', <DeskPage />)} />
        <Route path="/inbox" element={guarded('/inbox', <InboxPage />)} />
        <Route path="/arrivals" element={guarded('/arrivals', <ArrivalListPage />)} />
        <Route path="/arrivals/:id" element={guarded('/arrivals', <ArrivalDetailPage />)} />
        <Route path="/cases" element={guarded('/cases', <CasesPage />)} />
        <Route path="/cases/:id" element={guarded('/cases', lazyPage(<CaseDetailPage />))} />
        <Route path="/contacts" element={guarded('/contacts', <ContactsPage />)} />
        <Route path="/clusters" element={guarded('/clusters', <ClustersPage />)} />
        <Route path="/checks" element={guarded('/checks', <DailyChecksPage />)} />
        <Route path="/observations/new" element={guarded('/observations/new', <OpenObservationPage />)} />
        <Route path="/alerts" element={guarded('/alerts', <AlertsPage />)} />
        <Route path="/release" element={guarded('/release', <ReleasePage />)} />
        <Route path="/persons" element={guarded('/persons', <PersonsPage />)} />
        <Route path="/persons/:id" element={guarded('/persons', <PersonPage />)} />
        <Route path="/sites" element={guarded('/sites', <SitesPage />)} />
        <Route path="/care" element={guarded('/care', <CarePage />)} />
        <Route path="/assistance" element={guarded('/assistance', <AssistancePage />)} />
        <Route path="/admin/policies" element={guarded('/admin/policies', <PoliciesPage />)} />
        <Route path="/admin/situation" element={guarded('/admin/situation', <SituationPage />)} />
        <Route path="/admin/users" element={guarded('/admin/users', <UsersPage />)} />
        <Route path="/admin/units" element={guarded('/admin/units', <UnitsPage />)} />
        <Route path="/admin/entry-points" element={guarded('/admin/entry-points', <EntryPointsPage />)} />
        <Route path="/admin/boundaries" element={guarded('/admin/boundaries', <BoundariesPage />)} />
        <Route path="/admin/screens" element={guarded('/admin/screens', <ScreensPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
