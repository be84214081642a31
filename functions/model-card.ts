/**
 * `model-card`: each served model's manifest as JSON, and as an HTML page a risk officer can read
 * (intended use, data, metrics, ROC and calibration plots, threshold and cost, limits).
 */
import * as ff from '@google-cloud/functions-framework';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import { header, json, type Reply } from './lib/http.js';
import { requireModel } from './lib/scoring.js';
import { sharedServices } from './lib/services.js';
import { MODEL_CARD_CSP, renderModelCard } from './pages/model-card-page.js';

/** JSON when asked by `?format=json` or an Accept header preferring JSON over HTML. */
function wantsJson(ctx: RequestContext): boolean {
  const format = ctx.url.searchParams.get('format');
  if (format !== null) return format === 'json';
  const accept = header(ctx.req, 'accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function modelCard(ctx: RequestContext): Reply {
  const model = requireModel(ctx, ctx.params.name);
  ctx.annotate({ model: model.manifest.name, version: model.manifest.version });
  if (wantsJson(ctx)) return json(model.manifest);
  return {
    status: 200,
    body: renderModelCard(model.manifest),
    contentType: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': MODEL_CARD_CSP, vary: 'accept' },
  };
}

export const modelCardFunction: FunctionDefinition = {
  name: 'model-card',
  routes: withCommonRoutes([
    { method: 'GET', path: '/model-card', name: 'model-card', handler: modelCard },
    {
      method: 'GET',
      path: /^\/model-card\/(?<name>[a-z0-9][-a-z0-9]*)$/,
      name: 'model-card',
      handler: modelCard,
    },
    { method: 'GET', path: '/', name: 'model-card', handler: modelCard },
  ]),
};

ff.http('model-card', httpHandler(modelCardFunction, await sharedServices()));
