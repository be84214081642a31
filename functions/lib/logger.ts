/**
 * The one logger: winston writing one JSON object per line to stdout, with the `severity` field
 * that Knative-era log collectors (Cloud Logging, Loki, Elastic) read, a timestamp, and the
 * Knative service and revision as labels.
 */
import winston from 'winston';
import type { Config } from './config.js';

export type Logger = winston.Logger;

const severity = winston.format((info) => {
  info.severity = info.level.toUpperCase();
  return info;
});

/** JSON lines to stdout, or to `stream` (tests capture the log this way). */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'service' | 'revision'>,
  stream?: NodeJS.WritableStream,
): Logger {
  const labels = Object.fromEntries(
    Object.entries({ service: config.service, revision: config.revision }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return winston.createLogger({
    level: config.logLevel === 'silent' ? 'error' : config.logLevel,
    silent: config.logLevel === 'silent',
    defaultMeta: Object.keys(labels).length > 0 ? { labels } : {},
    format: winston.format.combine(severity(), winston.format.timestamp(), winston.format.json()),
    transports: [
      stream ? new winston.transports.Stream({ stream }) : new winston.transports.Console(),
    ],
  });
}
