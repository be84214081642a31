import { describe, expect, it } from 'vitest';
import { MonitorReportSchema } from '../monitor/report/schema.js';
import { plain } from './components.js';
import { openApiDocument } from './document.js';

describe('monitor paths', () => {
  const doc = openApiDocument({
    eventTypePrefix: 'com.example.credit',
    models: [],
    defaultModel: undefined,
    maxRecords: 10,
  }) as {
    paths: Record<
      string,
      { post?: { summary: string }; get?: { responses: Record<string, unknown> } }
    >;
    components: { schemas: Record<string, unknown> };
  };

  it('documents the events endpoint with the configured event types and the report with its schema (docs.test validates the whole document)', () => {
    expect(doc.paths['/monitor/events']?.post?.summary).toContain(
      'com.example.credit.outcome.observed',
    );
    expect(doc.paths['/monitor/report']?.get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/MonitorReport' } } },
    });
    expect(doc.components.schemas.MonitorReport).toEqual(plain(MonitorReportSchema));
  });
});
