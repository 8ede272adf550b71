import type { OperatorApi } from '../../src-shared/operator-api';
import type { Engine } from '../engine/engine';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../config/product';

/** The operator API's business logic, written once; IPC and HTTP only carry it. */
export function createOperatorHandlers(engine: Engine, now: () => number = Date.now): OperatorApi {
  return {
    getInfo: async () => {
      const checks = engine.checks();
      return {
        name: PRODUCT_NAME,
        version: PRODUCT_VERSION,
        dataDir: engine.dataDir,
        startedAt: engine.startedAt.toISOString(),
        uptimeMs: Math.max(0, now() - engine.startedAt.getTime()),
        engine: { status: checks.every((c) => c.ok) ? 'ready' : 'degraded', checks },
      };
    },
  };
}
