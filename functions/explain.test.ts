import { getTestServer } from '@google-cloud/functions-framework/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import './explain.js';
import './predict.js';
import { applicants } from './testing/test-servers.js';

const server = () => getTestServer('explain');
const [first, second] = applicants(2, 1);

describe('explain', () => {
  it('explains one record: contributions of every feature add up to the margin of P(bad)', async () => {
    const res = await request(server()).post('/explain').send(first);
    expect(res.status).toBe(200);
    const body = res.body as {
      probability_bad: number;
      margin: number;
      base_value: number;
      output: string;
      decision: string;
      contributions: { feature: string; contribution: number }[];
      reasons: { text: string; contribution: number }[];
    };
    expect(body.output).toBe('log_odds');
    expect(body.contributions).toHaveLength(20);
    const sum = body.contributions.reduce((s, c) => s + c.contribution, body.base_value);
    expect(sum).toBeCloseTo(body.margin, 9);
    expect(1 / (1 + Math.exp(-body.margin))).toBeCloseTo(body.probability_bad, 5);
    const magnitudes = body.contributions.map((c) => Math.abs(c.contribution));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    expect(body.reasons.length).toBeLessThanOrEqual(4);
    for (const r of body.reasons) expect(r.contribution).toBeGreaterThan(0);
    const predicted = await request(getTestServer('predict')).post('/predict').send(first);
    expect(body.decision).toBe(predicted.body.decision);
    expect(body.probability_bad).toBe(predicted.body.probability_bad);
  });

  it('gives the bad applicant plain-word adverse reasons, with TreeSHAP for the tree model', async () => {
    const res = await request(server()).post('/explain?model=credit-gbdt').send([first, second]);
    expect(res.status).toBe(200);
    expect(res.body.model.name).toBe('credit-gbdt');
    expect(res.body.explanations).toHaveLength(2);
    const [bad] = res.body.explanations as {
      probability_bad: number;
      reasons: { text: string }[];
    }[];
    expect(bad?.probability_bad).toBeGreaterThan(0.3);
    expect(bad?.reasons.length).toBeGreaterThan(0);
    expect(bad?.reasons[0]?.text).toMatch(/^[A-Z][^:]+: .+/);
  });

  it('rejects an invalid record with a 400 naming the field, and too many records with a 413', async () => {
    const bad = await request(server())
      .post('/explain')
      .send({ ...first, housing: 'castle' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('#/housing');
    const many = await request(server())
      .post('/explain')
      .send(Array.from({ length: 101 }, () => first));
    expect(many.status).toBe(413);
  });
});
