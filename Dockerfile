# syntax=docker/dockerfile:1
# One image for the four services; SERVICE picks which one runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY libs/inventory-view/package.json libs/inventory-view/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The dashboard's page: plain files, found above dist/ at run time (monitoring serves /dashboard).
COPY --from=build --chown=node:node /app/apps/monitoring/dashboard ./apps/monitoring/dashboard
COPY --from=build --chown=node:node /app/libs/contracts/package.json /app/libs/contracts/
COPY --from=build --chown=node:node /app/libs/contracts/dist /app/libs/contracts/dist
COPY --from=build --chown=node:node /app/libs/platform/package.json /app/libs/platform/
COPY --from=build --chown=node:node /app/libs/platform/dist /app/libs/platform/dist
COPY --from=build --chown=node:node /app/libs/inventory-view/package.json /app/libs/inventory-view/
COPY --from=build --chown=node:node /app/libs/inventory-view/dist /app/libs/inventory-view/dist
USER node
ARG SERVICE=inventory
ENV SERVICE=${SERVICE}
CMD ["sh", "-c", "exec node --enable-source-maps --disable-warning=TimeoutNegativeWarning dist/${SERVICE}/src/main.js"]
