# LeuwongRR order bot. Build: docker build -t leuwongrr-order-bot .
# Run:   docker run --env-file .env -v leuwongrr-data:/app/data leuwongrr-order-bot
ARG NODE_VERSION=26
ARG DEBIAN_RELEASE=trixie

# ---- build: the SQLite driver, then type-check and bundle the TypeScript (scripts/bundle.ts);
#      keep what the bundle loads at run time only
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS build
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
# What stays in node_modules is what dist/bot/ imports. Left out: the packages the bundle carries
# (zod, keyv and keyv's @keyv/serialize: INLINED in scripts/bundle.ts), files Node never loads
# (TypeScript sources and declarations, source maps, READMEs; licences stay), and better-sqlite3's
# SQLite sources and object files: it runs from its compiled addon alone.
RUN npm run build \
 && npm prune --omit=dev \
 && rm -rf node_modules/zod node_modules/keyv node_modules/@keyv/serialize \
 && find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' \
      -o \( -name '*.md' ! -iname 'licen[cs]e*' \) \) -delete \
 && cd node_modules/better-sqlite3 \
 && mv build/Release/better_sqlite3.node . \
 && rm -rf build deps src \
 && mkdir -p build/Release \
 && mv better_sqlite3.node build/Release/

# Node's binary carries about 10 MB of DWARF debug information, which only a debugger reads; it is
# stripped. Its symbol table stays, for perf and for the stacks in crash reports.
RUN strip --strip-debug /usr/local/bin/node

# ---- runtime: Debian slim with Node's own binary, no npm, no compilers, not root
FROM debian:${DEBIAN_RELEASE}-slim
# The heap limit npm start also sets (README, Memory); docker run -e NODE_OPTIONS=… replaces it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=96 \
    HEALTH_PORT=8080 \
    HEALTH_HOST=127.0.0.1
# The official image's node binary alone: npm, yarn and Node's C headers (about 50 MB) serve only
# the build stage.
COPY --from=build /usr/local/bin/node /usr/local/bin/node
# The user the official Node images have (node, uid and gid 1000); libatomic1, which Node's binary
# links; tini as PID 1, so SIGTERM reaches Node and in-flight orders can finish before exit.
RUN groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && apt-get update \
 && apt-get install -y --no-install-recommends libatomic1 tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /app/data \
 && chown node:node /app/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/bot/main.js"]
