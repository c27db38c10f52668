import type { ApiDeps } from './apiDeps';
import type { Route } from './router';

export function opsRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handle: () => {
        const health = deps.health();
        return health.ok
          ? { json: { ok: true, version: deps.version } }
          : { status: 503, json: { ok: false, version: deps.version, reason: health.reason } };
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: () => ({
        text: deps.metrics.render(),
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
      }),
    },
  ];
}
