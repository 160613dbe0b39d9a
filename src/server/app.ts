import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { Config } from './config';
import type { Ctx, CurrentUser } from './context';
import { createDb, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { loadReferenceData } from '../db/reference/load';
import { ensureRollups } from '../modules/dashboard/repository/rollups';
import { createFieldCrypto } from './field-crypto';
import { createWriteBatcher } from '../db/write-batch';
import { createNodeCache } from '../db/reference/node-cache';
import { createReferenceCache } from '../db/reference/reference-cache';
import { resolveSecret } from './secret';
import { auditRefusal } from './refusals';
import { currentUser } from './guard';
import { AppError, langOf, type Lang } from './errors';
import { schemaError } from './validation';
import { registerInputRules } from './input';
import { uniqueViolationField } from '../db/unique-violation';
import { SESSION_COOKIE } from '../modules/auth/routes';
import { authenticate, ensureAdmin } from '../modules/auth/service';
import { authenticateScreenRequest, screenQueryToken } from '../modules/screen-tokens/request-auth';
import { isScreenToken } from '../domain/screen-token';
import { createSessionCache } from '../modules/auth/session-cache';
import { requireChangedPassword } from '../modules/auth/password-change-gate';
import { registerRoutes } from './routes';
import { createChangeFeed } from './events';
import { Health } from './health';
import { registerErrorAnswers } from './openapi';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    token: string | null;
    lang: Lang;
  }
  interface FastifyInstance {
    ctx: Ctx;
  }
}


export interface BuiltApp {
  app: FastifyInstance;
  ctx: Ctx;
  database: Database;
  /** Set on first start when no admin password was configured. */
  generatedAdminPassword: string | null;
}

function tokenOf(authorization: string | undefined, cookieValue: string | undefined): string | null {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim() || null;
  return cookieValue || null;
}

/** Trust the nearest `n` proxies (what Fastify does with a number, which its types do not allow). */
function hops(n: number) {
  return (_address: string, hop: number) => hop < n;
}

export async function buildApp(config: Config, options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<BuiltApp> {
  // The database and the change feed start before the logger exists; they report through this once the app is built.
  let log: ((err: unknown, what: string) => void) | null = null;
  const database = createDb(config.databaseUrl, { onPoolError: (failure) => log?.(failure, 'database connection failed') });
  const crypto = createFieldCrypto(resolveSecret(config.secret, config.dataDir));
  await migrate(database, crypto);
  const ctx: Ctx = {
    db: database.db,
    dialect: database.dialect,
    config,
    crypto,
    writes: createWriteBatcher(database.db, database.dialect),
    nodes: createNodeCache(database.db),
    reference: createReferenceCache(database.db),
    sessions: createSessionCache(),
    changes: createChangeFeed(database, { url: config.databaseUrl, onError: (err, what) => log?.(err, what) }),
  };
  await ctx.changes.ready();
  await loadReferenceData(ctx);
  await ensureRollups(ctx.db, ctx.dialect, config.timeZone);
  const generatedAdminPassword = await ensureAdmin(ctx);

  const app = Fastify({
    logger: options.logger === false ? false : {
      level: config.logLevel,
      // Query strings can carry searched names, phones and ID numbers: log the path only.
      serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }) },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 10 * 1024 * 1024,
    // One line per request (below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: typeof config.trustProxy === 'number' ? hops(config.trustProxy) : config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  log = (err, what) => app.log.warn({ err }, what);
  app.decorate('ctx', ctx);
  app.decorateRequest('user', null);
  app.decorateRequest('token', null);
  app.decorateRequest('lang', 'zh');
  app.setSchemaErrorFormatter((errors, context) => schemaError(errors, context));
  registerInputRules(app, config);
  registerErrorAnswers(app);

  app.setErrorHandler(async (error: unknown, req, reply) => {
    if (error instanceof AppError) {
      await auditRefusal(ctx, req, error).catch((err: unknown) => req.log.error({ err }, 'audit of a refusal failed'));
      return reply.status(error.status).send(error.toJSON(req.lang));
    }
    // Two writes raced for one unique value (e.g. a username): the loser learns it is taken.
    const taken = uniqueViolationField(error);
    if (taken) return reply.status(409).send(new AppError('conflict', { what: taken }, taken).toJSON(req.lang));
    const e = error as { statusCode?: number; code?: string };
    if (e.statusCode && e.statusCode < 500) {
      return reply.status(e.statusCode).send(new AppError(e.statusCode === 429 ? 'rate_limited' : e.statusCode === 413 ? 'payload_too_large' : 'bad_request').toJSON(req.lang));
    }
    req.log.error({ err: error }, 'request failed');
    return reply.status(500).send(new AppError('internal').toJSON(req.lang));
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, url: req.url.split('?')[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: config.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(cookie);
  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    const token = screenQueryToken(req) ?? tokenOf(req.headers.authorization, req.cookies[SESSION_COOKIE]);
    if (!token) return;
    req.token = token;
    const user = isScreenToken(token) ? await authenticateScreenRequest(ctx, req, token) : await authenticate(ctx, token);
    // A copy: the verified user is cached and shared between requests.
    req.user = user && { ...user, source: req.ip };
    requireChangedPassword(req);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'fangkong 防控 API', version: '0.1.0', description: '疫情防控信息平台接口 / Epidemic prevention and control platform API' },
      servers: [{ url: '/', description: 'the server that serves this document' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // The API's map is for signed-in users unless the deployment publishes it.
  const docsGuard = async (req: FastifyRequest) => {
    if (!config.publicDocs) currentUser(req);
  };
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiHooks: { onRequest: docsGuard } });
  app.get('/api/openapi.json', { schema: { hide: true }, onRequest: docsGuard }, async () => app.swagger());

  app.get('/api/health', { schema: { tags: ['system'], operationId: 'getHealth', summary: '运行状态 / Health', security: [], response: { 200: Health, 503: Health } } }, async (_req, reply) => {
    const poolErrors = database.poolErrors();
    try {
      await sql`select 1`.execute(ctx.db);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      log?.({ code: e.code ?? null, message: e.message }, 'database unavailable');
      return reply.status(503).send({ status: 'unavailable', database: ctx.dialect, region: config.region, poolErrors });
    }
    return reply.send({ status: 'ok', database: ctx.dialect, region: config.region, poolErrors });
  });

  await app.register(registerRoutes, { prefix: '/api' });

  const webDir = resolve(config.webDir ?? join(import.meta.dirname, '../../dist/web'));
  if (existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !existsSync(join(webDir, 'index.html'))) {
      return reply.status(404).send(new AppError('not_found').toJSON(req.lang));
    }
    return reply.sendFile('index.html');
  });

  app.addHook('onClose', async () => {
    await ctx.changes.close();
    await database.close();
  });
  return { app, ctx, database, generatedAdminPassword };
}
