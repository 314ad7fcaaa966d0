import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';

/** Paths that belong to the API and operations, never to the single-page app. */
const SERVICE_PATH = /^\/(api|health|metrics)(\/|$)/;

/**
 * Serves the built dashboard (apps/dashboard → DASHBOARD_DIR) at `/` in every mode (docs/decisions/0211):
 * hashed assets are cached for a year, every other GET that is not an API path answers index.html so that
 * a deep link such as /enterprises/<uscc> opens the right view. When the dashboard was not built, `/` says so.
 */
export function serveDashboard(
  app: NestExpressApplication,
  dashboardDir: string,
): void {
  const index = join(dashboardDir, 'index.html');
  app.use(
    '/assets',
    express.static(join(dashboardDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      SERVICE_PATH.test(req.path)
    )
      return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          `The dashboard is not built (${index} is missing): run \`npm run build:dashboard\`, or \`npm start\`, which builds it when missing.\n`,
        );
      return;
    }
    // A missing file (an asset, /favicon.ico) is a 404, not the app: only extension-less paths are views.
    if (req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(req.path))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
