// Routes: /login, then the pages inside the layout, each guarded by role.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useAuth } from './auth/AuthProvider';
import { AppLayout } from './components/AppLayout';
import { RequireAuth, RequireRole } from './components/RequireAuth';
import { useI18n } from './i18n/I18nProvider';
import { ArrivalDetailPage } from './features/arrivals/ArrivalDetailPage';
import { ArrivalListPage } from './features/arrivals/ArrivalListPage';
import { DeskPage } from './features/desk/DeskPage';
import { InboxPage } from './features/arrivals/InboxPage';
import { LoginPage } from './features/auth/LoginPage';
import { EntryPointsPage } from './features/admin/EntryPointsPage';
import { UnitsPage } from './features/admin/UnitsPage';
import { UsersPage } from './features/admin/UsersPage';
import { PoliciesPage } from './features/admin/PoliciesPage';
import { SituationPage } from './features/admin/SituationPage';
import { BoundariesPage } from './features/admin/BoundariesPage';
import { ScreensPage } from './features/admin/ScreensPage';
import { ScreenRoute } from './features/dashboard/ScreenRoute';
import { CarePage } from './features/care/CarePage';
import { AssistancePage } from './features/assistance/AssistancePage';
import { AlertsPage } from './features/observation/AlertsPage';
import { DailyChecksPage } from './features/observation/DailyChecksPage';
import { OpenObservationPage } from './features/observation/OpenObservationPage';
import { ReleasePage } from './features/observation/ReleasePage';
import { PersonPage } from './features/persons/PersonPage';
import { PersonsPage } from './features/persons/PersonsPage';
import { SitesPage } from './features/sites/SitesPage';
import { CasesPage } from './features/cases/CasesPage';
import { ClustersPage } from './features/cases/ClustersPage';
import { ContactsPage } from './features/cases/ContactsPage';
import { homeOf } from './routes';

// The dashboard pages carry ECharts and the map data: loaded only when opened.
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
// The case page draws the transmission chain with ECharts: loaded when opened, too.
const CaseDetailPage = lazy(() => import('./features/cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
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
