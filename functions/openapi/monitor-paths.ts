/** OpenAPI description of the `monitor` function: its CloudEvents endpoint and the report. */
import { OutcomeObservedSchema, PredictionLoggedSchema } from '../events/contract.js';
import { MAX_BUCKETS } from '../monitor/report-query.js';
import { MonitorReportSchema } from '../monitor/report/schema.js';
import { okJson, plain, problems, ref } from './components.js';

const tags = ['monitoring'];

/** The monitor's schemas for `components.schemas`. */
export function monitorSchemas(): Record<string, object> {
  return {
    MonitorReport: plain(MonitorReportSchema),
    PredictionLogged: plain(PredictionLoggedSchema),
    OutcomeObserved: plain(OutcomeObservedSchema),
  };
}

const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

function eventsPath(types: { predictionLogged: string; outcomeObserved: string }) {
  const data = { oneOf: [ref('PredictionLogged'), ref('OutcomeObserved')] };
  return {
    post: {
      operationId: 'monitorEvents',
      tags,
      summary: `Store one ${types.predictionLogged} or ${types.outcomeObserved} CloudEvent`,
      description:
        'Binary mode (ce-* headers, the data as the body) or structured mode (application/cloudevents+json). Answered 202 once the row is committed; idempotent on the event source and id, so a redelivery is harmless. 400 for an event that can never be stored (errors name each bad field of the data), 503 while the database is unavailable (retry). Also served at POST /.',
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: data },
          'application/cloudevents+json': {
            schema: { type: 'object', required: ['specversion', 'type', 'source', 'id', 'data'] },
          },
        },
      },
      responses: {
        '202': { description: 'Stored (or already stored)' },
        ...problems(400, 413, 503),
      },
    },
  };
}

/** The report's query parameters, shared by the JSON report and the page. */
function reportParameters() {
  return [
    query('model', 'Model name (default: the served champion)'),
    query('version', 'Model version (must be the served one: its manifest holds the reference)'),
    query('from', 'Window start, inclusive (RFC 3339; default: 30 days or 48 hours before to)', {
      type: 'string',
      format: 'date-time',
    }),
    query('to', 'Window end, exclusive (RFC 3339; default: now)', {
      type: 'string',
      format: 'date-time',
    }),
    query('bucket', 'Series resolution', { type: 'string', enum: ['day', 'hour'], default: 'day' }),
    query('arm', 'Which rows drift, performance and impact use', {
      type: 'string',
      enum: ['champion', 'canary', 'shadow'],
      default: 'champion',
    }),
  ];
}

function reportPath() {
  return {
    get: {
      operationId: 'monitorReport',
      tags,
      summary:
        'Drift, realized performance, business impact and champion vs challenger of one model version over a time window',
      description: `Every series has one point per UTC bucket of the window (at most ${MAX_BUCKETS}); figures that cannot be computed are null and a reason says why. Drift, performance and impact use the rows of the chosen arm; the comparison (shadow pairs and canary arms) is given for arm=champion only.`,
      parameters: reportParameters(),
      responses: { '200': okJson(ref('MonitorReport'), 'The report'), ...problems(400, 404, 503) },
    },
  };
}

const pageWindow = query(
  'window',
  'The window ending at to (default now), in hours or days, e.g. 24h or 30d; ignored when from is given',
  { type: 'string', pattern: '^[0-9]{1,4}[hd]$' },
);

const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

function pagePaths() {
  const description =
    'The report as an HTML page for people (no scripts; strict Content-Security-Policy): headline figures, score distribution against the reference, PSI per feature with its band, unknown and out-of-domain rates, calibration on matured outcomes, cost per 1,000 expected and realized over time, approval and bad rate over time, shadow and canary arms; empty states say what is missing. Same query as the report, plus window.';
  return {
    '/monitor': {
      get: {
        operationId: 'monitorPage',
        tags,
        summary: "The champion's monitoring page (or ?model=)",
        description,
        parameters: [...reportParameters(), pageWindow],
        responses: { '200': html('Monitoring page'), ...problems(400, 404, 503) },
      },
    },
    '/monitor/{name}': {
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'monitorPageByName',
        tags,
        summary: "A served model's monitoring page",
        description,
        parameters: [...reportParameters().filter((p) => p.name !== 'model'), pageWindow],
        responses: { '200': html('Monitoring page'), ...problems(400, 404, 503) },
      },
    },
  };
}

/** The monitor's paths. */
export function monitorPaths(types: {
  predictionLogged: string;
  outcomeObserved: string;
}): Record<string, object> {
  return {
    '/monitor/events': eventsPath(types),
    '/monitor/report': reportPath(),
    ...pagePaths(),
  };
}
