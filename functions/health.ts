/** `health`: liveness and readiness of the instance (models loaded, checksums verified, versions, uptime). */
import * as ff from '@google-cloud/functions-framework';
import { health, healthRoutes, metricsRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition } from './lib/function.js';
import { sharedServices } from './lib/services.js';

export const healthFunction: FunctionDefinition = {
  name: 'health',
  routes: [
    ...healthRoutes,
    { method: 'GET', path: '/', name: 'health', handler: health },
    ...metricsRoutes,
  ],
};

ff.http('health', httpHandler(healthFunction, await sharedServices()));
