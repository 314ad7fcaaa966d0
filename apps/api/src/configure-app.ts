import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import { createValidationPipe } from '@app/api-conventions';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { serveDashboard } from './dashboard/serve-dashboard.js';
import {
  completeDocument,
  documentValidationRules,
  methodNotAllowed,
} from './openapi/document-conventions.js';

export const API_PREFIX = 'api/v1';

/** Body limits: commands are small; the HR batch upload carries up to 10,000 records (10 MB). */
export const COMMAND_BODY_LIMIT = '1mb';
export const FEED_BATCH_BODY_LIMIT = '10mb';
const FEED_BATCH_PATH = `/${API_PREFIX}/hr-feed/batches`;

/** Everything main.ts and the e2e tests share, so that tests exercise the app as it runs. */
export function configureApp(app: INestApplication): INestApplication {
  const expressApp = app as NestExpressApplication;
  const config = app.get<AppConfig>(APP_CONFIG);
  // Hardening (docs/decisions/0221-http-hardening.md): security headers, no X-Powered-By, a CORS allow-list.
  expressApp.disable('x-powered-by');
  // Behind a reverse proxy the caller's address, which the rate limit counts by, is in X-Forwarded-For
  // (docs/decisions/0268); only the proxies named in TRUST_PROXY are believed.
  if (config.http.trustedProxies.length > 0)
    expressApp.set('trust proxy', config.http.trustedProxies);
  expressApp.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // ECharts and the Swagger UI set inline styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          // A bureau intranet may serve the dashboard over plain HTTP: upgrading its requests would break it.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.enableCors({
    origin:
      config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    // What a dashboard on an allowed origin reads from the answers.
    exposedHeaders: [
      'ETag',
      'Location',
      'Retry-After',
      'X-Correlation-Id',
      'X-Projection-Position',
    ],
  });
  expressApp.use(
    FEED_BATCH_PATH,
    express.json({ limit: FEED_BATCH_BODY_LIMIT }),
  );
  expressApp.use(
    FEED_BATCH_PATH,
    express.text({
      type: ['text/csv', 'text/plain'],
      limit: FEED_BATCH_BODY_LIMIT,
    }),
  );
  expressApp.use(express.json({ limit: COMMAND_BODY_LIMIT }));
  serveDashboard(expressApp, config.dashboardDir);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health/live', 'health/ready', 'metrics'],
  });
  app.useGlobalPipes(createValidationPipe());

  documentValidationRules();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Whole-staff post work-safety responsibility service')
      .setDescription(
        '企业全员岗位安全生产责任制 — enterprises, HR injury feed, follow-up, metrics, audit',
      )
      .setVersion('1')
      .build(),
  );
  completeDocument(document, app.get<ReferenceData>(REFERENCE_DATA));
  methodNotAllowed(app, document);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
  });
  return app;
}
