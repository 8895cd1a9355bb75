# syntax=docker/dockerfile:1
# LeuwongRR order bot. Build: docker build -t leuwongrr-order-bot .
# Run:   docker run --env-file .env -v leuwongrr-data:/app/data leuwongrr-order-bot
ARG NODE_VERSION=26

# ---- build: the SQLite driver, then type-check and bundle the TypeScript (scripts/bundle.ts);
#      keep production dependencies only
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# node-gyp compiles better-sqlite3 against the headers the base image ships with its Node
# (/usr/local/include/node) instead of downloading them from nodejs.org.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json .npmrc .prebuild-installrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
# better-sqlite3 runs from its compiled addon alone: its SQLite sources and object files (about
# 25 MB) stay in this stage.
RUN npm run build \
 && npm prune --omit=dev \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node . \
 && rm -rf build deps src \
 && mkdir -p build/Release \
 && mv better_sqlite3.node build/Release/

# ---- runtime: no compilers, no dev dependencies, not root
FROM node:${NODE_VERSION}-slim
# The heap limit npm start also sets (README, Memory); docker run -e NODE_OPTIONS=… replaces it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=96 \
    HEALTH_PORT=8080 \
    HEALTH_HOST=127.0.0.1
WORKDIR /app
# tini runs as PID 1, so SIGTERM reaches Node and in-flight orders can finish before exit.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /app/data \
 && chown node:node /app/data
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/bot/main.js"]
