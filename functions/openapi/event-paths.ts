/** OpenAPI description of the CloudEvents endpoint of `batch-score` (binary and structured mode). */
import { EXTENSIONS } from '../events/contract.js';
import { okJson, problems, ref } from './components.js';

const ceHeader = (name: string, description: string, required = true) => ({
  name: `ce-${name}`,
  in: 'header',
  required,
  schema: { type: 'string' },
  description,
});

export function eventPaths(types: {
  batchRequested: string;
  batchScored: string;
}): Record<string, object> {
  return {
    '/batch-score': {
      post: {
        operationId: 'batchScore',
        tags: ['batch'],
        summary: `Score a chunk delivered as a CloudEvent of type ${types.batchRequested}; the reply is a ${types.batchScored} CloudEvent in binary mode`,
        description: `Binary mode: ce-* headers, the chunk as the body (a JSON array of records, or CSV with a header row as text/csv). Structured mode: the whole event as application/cloudevents+json. Extensions: ${EXTENSIONS.batchId}, ${EXTENSIONS.chunkIndex}, ${EXTENSIONS.chunkCount}, ${EXTENSIONS.keyColumn} (echoed as each result's key), ${EXTENSIONS.model}. A redelivered event (same source and id) gets the same reply. With K_SINK set the reply goes there and the answer is 202.`,
        parameters: [
          ceHeader('specversion', '1.0 (binary mode)', false),
          ceHeader('type', types.batchRequested, false),
          ceHeader('source', 'producer URI reference', false),
          ceHeader('id', 'unique per source; reused on retry', false),
          ceHeader(EXTENSIONS.batchId, 'batch identifier', false),
          ceHeader(EXTENSIONS.chunkIndex, '0-based chunk position', false),
          ceHeader(EXTENSIONS.chunkCount, 'chunks in the batch', false),
          ceHeader(EXTENSIONS.keyColumn, 'column echoed as key', false),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'array', items: { type: 'object' } } },
            'text/csv': { schema: { type: 'string' } },
            'application/cloudevents+json': {
              schema: { type: 'object', required: ['specversion', 'type', 'source', 'id'] },
            },
          },
        },
        responses: {
          '200': {
            ...okJson(
              ref('BatchScored'),
              `${types.batchScored} event data (ce-* headers carry the attributes, ce-causationid the request id)`,
            ),
          },
          '202': { description: 'Accepted: the reply was sent to K_SINK' },
          ...problems(400, 413, 503),
        },
      },
    },
  };
}
