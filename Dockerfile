# One image for apps/api, apps/projector and apps/hr-feed-consumer (docker-compose.yml picks the process
# with its command). docs/decisions/0198-compose-stack-boots-as-written.md explains the choices.
#
#   docker build -t whole-staff-safety:0.1.0 .
#
# Node 24 is the active LTS line; Vite 8 (the dashboard build) needs Node ^20.19 or >= 22.12 and the
# lock file is written by npm 11, which Node 24 ships.
ARG NODE_IMAGE=node:24.11.1-bookworm-slim

# --- build: every dependency, `npm run build` once (the four apps and the dashboard), then the dev
# dependencies are pruned away.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 falls back to compiling from source when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the built apps and the production dependencies only, as the unprivileged `node` user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    DATA_DIR=/app/data \
    DASHBOARD_DIR=/app/dist/dashboard
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Named volumes mounted here take the owner of these directories, so the apps can write to them.
RUN mkdir -p /app/data /app/audit-key && chown node:node /app/data /app/audit-key
USER node
EXPOSE 3000
# node, not npm, gets SIGTERM: the apps stop gracefully on it (docs/decisions/0191-graceful-shutdown.md).
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
