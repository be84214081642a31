/** `docs`: the OpenAPI 3.1 document of every function, as JSON and as an interactive Swagger UI page from local assets. */
import * as ff from '@google-cloud/functions-framework';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition, type RequestContext } from './lib/function.js';
import { json, type Reply } from './lib/http.js';
import { HttpProblem } from './lib/problem.js';
import { sharedServices } from './lib/services.js';
import { openApiDocument } from './openapi/document.js';
import { DOCS_CSP, readDocsAsset, renderDocsPage } from './pages/docs-page.js';

function document(ctx: RequestContext): Reply {
  const { registry, config } = ctx.services;
  return json(
    openApiDocument({
      eventTypePrefix: config.eventTypePrefix,
      models: registry.models,
      defaultModel: registry.defaultModel,
      maxRecords: config.maxRecords,
    }),
  );
}

const page = (): Reply => ({
  status: 200,
  body: renderDocsPage({
    specUrl: '/openapi.json',
    assetsBase: '/docs/assets',
    title: 'scorefn API',
  }),
  contentType: 'text/html; charset=utf-8',
  headers: { 'content-security-policy': DOCS_CSP },
});

async function asset(ctx: RequestContext): Promise<Reply> {
  const found = await readDocsAsset(ctx.params.file ?? '');
  if (!found) throw new HttpProblem('not-found', `No asset ${ctx.params.file ?? ''}.`);
  return {
    status: 200,
    body: found.body,
    contentType: found.contentType,
    headers: { 'cache-control': 'public, max-age=86400' },
  };
}

export const docsFunction: FunctionDefinition = {
  name: 'docs',
  routes: withCommonRoutes([
    { method: 'GET', path: '/openapi.json', name: 'openapi', handler: document },
    { method: 'GET', path: '/docs', name: 'docs', handler: page },
    {
      method: 'GET',
      path: /^\/docs\/assets\/(?<file>[\w.-]+)$/,
      name: 'docs.asset',
      handler: asset,
    },
  ]),
};

ff.http('docs', httpHandler(docsFunction, await sharedServices()));
