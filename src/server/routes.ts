import type { FastifyInstance } from 'fastify';
import { authRoutes } from '../modules/auth/routes';
import { settingsRoutes } from '../modules/settings/routes';
import { auditRoutes } from '../modules/audit/routes';
import { userRoutes } from '../modules/users/routes';
import { jurisdictionRoutes } from '../modules/jurisdictions/routes';
import { arrivalRoutes } from '../modules/arrivals/routes';
import { personRoutes } from '../modules/persons/routes';
import { observationRoutes } from '../modules/observations/routes';
import { riskAreaRoutes } from '../modules/risk-areas/routes';
import { siteRoutes } from '../modules/sites/routes';
import { careRoutes } from '../modules/care/routes';
import { dashboardRoutes } from '../modules/dashboard/routes';
import { streamRoutes } from '../modules/dashboard/stream';
import { situationRoutes } from '../modules/situation/routes';
import { boundaryRoutes } from '../modules/boundaries/routes';
import { screenTokenRoutes } from '../modules/screen-tokens/routes';
import { caseRoutes } from '../modules/cases/routes';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(settingsRoutes);
  await app.register(auditRoutes);
  await app.register(userRoutes);
  await app.register(jurisdictionRoutes);
  await app.register(arrivalRoutes);
  await app.register(personRoutes);
  await app.register(observationRoutes);
  await app.register(riskAreaRoutes);
  await app.register(siteRoutes);
  await app.register(careRoutes);
  await app.register(dashboardRoutes);
  await app.register(streamRoutes);
  await app.register(situationRoutes);
  await app.register(boundaryRoutes);
  await app.register(screenTokenRoutes);
  await app.register(caseRoutes);
}
