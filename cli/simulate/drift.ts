/**
 * Drift injection for `scorefn simulate`: a small rule language (`credit_amount*2`,
 * `"Credit Amount"*2`, `checking_status:no checking-><0@0.7`) parsed against the features, and
 * its seeded application to records. Results stay inside each feature's valid domain, so every
 * drifted record is still accepted by /predict and the drift shows up in the monitor, not as 400s.
 */
import type {
  CategoricalFeature,
  Feature,
  FeatureRecord,
  NumericFeature,
} from '../../model/features.js';
import type { Random } from '../../model/train/random.js';
import { UsageError } from '../batch/types.js';

/** One drift rule: scale or shift a number, or move a share of one category (or any) to another. */
export type DriftRule =
  | { readonly kind: 'scale'; readonly feature: NumericFeature; readonly factor: number }
  | { readonly kind: 'shift'; readonly feature: NumericFeature; readonly delta: number }
  | {
      readonly kind: 'move';
      readonly feature: CategoricalFeature;
      /** The category moved, or `*` for every category but `to`. */
      readonly from: string;
      readonly to: string;
      readonly share: number;
    };

/** The rule language, for `--help` and errors. */
export const DRIFT_SYNTAX = `a comma-separated list of rules:
  <numeric>*<factor>          multiply (credit_amount*2)
  <numeric>+<n>, <numeric>-<n> add or subtract (age+10, duration-6)
  <categorical>:<from>-><to>[@<share>]
                              move a share (default 1) of the applicants whose category is <from>
                              (* for any other) to <to> (checking_status:no checking-><0@0.7)
A feature is named as written (Credit Amount*2) or in double quotes ("Credit Amount"*2, with ""
for a quote in the name). Numbers are rounded for whole-number features and kept within the
feature's valid range.`;

const OPERATOR = /^\s*([*+:-])\s*(.*)$/s;
const QUOTED = /^"((?:[^"]|"")*)"(.*)$/s;

/** A feature's name as a rule writes it: quoted unless it is a plain identifier. */
const ruleName = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;

/**
 * A rule's feature name, operator and the rest. A name holds anything but a comma (operators and
 * spaces included), so an unquoted one is the longest feature name the rule starts with that an
 * operator follows; a quoted one is taken as it is.
 */
function splitRule(text: string, features: readonly Feature[]) {
  const quoted = QUOTED.exec(text);
  const candidates: [string, string][] = quoted
    ? [[(quoted[1] ?? '').replaceAll('""', '"'), quoted[2] ?? '']]
    : features
        .map((f) => f.name)
        .filter((name) => text.startsWith(name))
        .sort((a, b) => b.length - a.length)
        .map((name) => [name, text.slice(name.length)]);
  for (const [name, rest] of candidates) {
    const [, op = '', body = ''] = OPERATOR.exec(rest) ?? [];
    if (op !== '') return { name, op, body };
  }
  return undefined;
}

function number(text: string, rule: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--drift '${rule}': '${text.trim()}' is not a number`);
  return value;
}

function category(feature: CategoricalFeature, value: string, rule: string): string {
  if (feature.categories.includes(value)) return value;
  throw new UsageError(
    `--drift '${rule}': '${value}' is not a category of ${feature.name} (${feature.categories.join(', ')})`,
  );
}

function moveRule(feature: CategoricalFeature, body: string, rule: string): DriftRule {
  const arrow = body.indexOf('->');
  if (arrow < 0)
    throw new UsageError(
      `--drift '${rule}': write ${ruleName(feature.name)}:<from>-><to>[@<share>]`,
    );
  const fromText = body.slice(0, arrow).trim();
  const rest = body.slice(arrow + 2);
  const at = rest.lastIndexOf('@');
  const to = category(feature, (at < 0 ? rest : rest.slice(0, at)).trim(), rule);
  const share = at < 0 ? 1 : number(rest.slice(at + 1), rule);
  if (share < 0 || share > 1)
    throw new UsageError(`--drift '${rule}': the share must be from 0 to 1, got ${share}`);
  const from = fromText === '*' ? '*' : category(feature, fromText, rule);
  if (from === to) throw new UsageError(`--drift '${rule}': moves ${to} to itself`);
  return { kind: 'move', feature, from, to, share };
}

function parseRule(text: string, features: readonly Feature[]): DriftRule {
  const { name = '', op = '', body = '' } = splitRule(text, features) ?? {};
  const feature = features.find((f) => f.name === name);
  if (!feature)
    throw new UsageError(
      `--drift '${text}': expected <feature>*<factor>, <feature>+<n>, <feature>-<n> or <feature>:<from>-><to>[@<share>] with a feature of the data set`,
    );
  if (feature.kind === 'categorical') {
    if (op !== ':')
      throw new UsageError(
        `--drift '${text}': ${name} is categorical: use ${ruleName(name)}:<from>-><to>`,
      );
    return moveRule(feature, body, text);
  }
  if (op === ':') throw new UsageError(`--drift '${text}': ${name} is numeric: use *, + or -`);
  const value = number(body, text);
  if (op === '*') {
    if (value <= 0) throw new UsageError(`--drift '${text}': the factor must be above 0`);
    return { kind: 'scale', feature, factor: value };
  }
  return { kind: 'shift', feature, delta: op === '-' ? -value : value };
}

/** Parses `--drift`; throws a `UsageError` (exit code 2) naming the first bad rule. */
export function parseDrift(text: string | undefined, features: readonly Feature[]): DriftRule[] {
  if (text === undefined || text.trim() === '') return [];
  const rules = text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map((r) => parseRule(r, features));
  const names = rules.map((r) => r.feature.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined)
    throw new UsageError(`--drift names ${twice} twice; one rule per feature`);
  return rules;
}

function numeric(feature: NumericFeature, value: number): number {
  const rounded = feature.integer ? Math.round(value) : value;
  return Math.min(feature.maximum, Math.max(feature.minimum, rounded));
}

function applyRule(rule: DriftRule, value: string | number, random: Random): string | number {
  if (rule.kind === 'scale') return numeric(rule.feature, Number(value) * rule.factor);
  if (rule.kind === 'shift') return numeric(rule.feature, Number(value) + rule.delta);
  const eligible = rule.from === '*' ? value !== rule.to : value === rule.from;
  return eligible && random() < rule.share ? rule.to : value;
}

/**
 * The record with every rule applied (a new object; the input is not changed). `random` is drawn
 * once per eligible categorical value, so a seeded generator gives the same drift every run.
 */
export function applyDrift(
  record: FeatureRecord,
  rules: readonly DriftRule[],
  random: Random,
): FeatureRecord {
  const out: Record<string, string | number> = { ...record };
  for (const rule of rules) {
    const value = out[rule.feature.name];
    if (value !== undefined) out[rule.feature.name] = applyRule(rule, value, random);
  }
  return out;
}

/** The rules as the user would write them, for the summary. */
export function describeDrift(rules: readonly DriftRule[]): string {
  return rules
    .map((r) => {
      const name = ruleName(r.feature.name);
      if (r.kind === 'scale') return `${name}*${r.factor}`;
      if (r.kind === 'shift') return `${name}${r.delta < 0 ? '-' : '+'}${Math.abs(r.delta)}`;
      return `${name}:${r.from}->${r.to}@${r.share}`;
    })
    .join(',');
}
