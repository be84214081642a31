// The deployment policies, asserted on what `kubectl kustomize` builds for each overlay.
import { beforeAll, describe, expect, it } from 'vitest';
import { eventTypes } from '../../functions/events/contract.js';
import { FUNCTION_NAMES } from '../../functions/registry.js';
import {
  annotationOf,
  brokers,
  containerOf,
  envOf,
  nameOf,
  quantity,
  services,
  sinkBindings,
  triggers,
} from './knative-objects.js';
import {
  buildKustomization,
  kubectlAvailable,
  kustomizationDir,
  OVERLAYS,
  type KubeObject,
} from './kustomize.js';

const types = eventTypes();
const EMITTERS = ['batch-score', 'explain', 'predict'];
const LATENCY_CRITICAL = ['predict', 'explain'];
const minScale = (s: Parameters<typeof nameOf>[0]) =>
  Number(annotationOf(s, 'autoscaling.knative.dev/min-scale'));

describe.skipIf(!kubectlAvailable())('knative overlays (kubectl kustomize)', () => {
  const built = new Map<string, KubeObject[]>();
  beforeAll(() => {
    for (const overlay of OVERLAYS)
      built.set(overlay, buildKustomization(kustomizationDir(overlay)));
  });
  const objects = (overlay: string) => built.get(overlay) ?? [];

  describe.each(OVERLAYS)('%s', (overlay) => {
    it('has one Service per function in functions/registry.ts, FUNCTION_TARGET = its name', () => {
      const list = services(objects(overlay));
      expect(list.map(nameOf).sort()).toEqual([...FUNCTION_NAMES].sort());
      for (const s of list) expect(envOf(s, 'FUNCTION_TARGET')).toBe(nameOf(s));
    });

    it('puts every object in the namespace the overlay creates', () => {
      const namespaces = objects(overlay).filter((o) => o.kind === 'Namespace');
      expect(namespaces).toHaveLength(1);
      const namespace = namespaces[0]?.metadata.name;
      for (const o of objects(overlay).filter((x) => x.kind !== 'Namespace'))
        expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe(namespace);
    });

    it('runs every function non-root, read-only, unprivileged, no capabilities, seccomp', () => {
      for (const s of services(objects(overlay))) {
        const sc = containerOf(s).securityContext;
        expect(sc, nameOf(s)).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(sc?.capabilities?.add ?? [], nameOf(s)).toEqual([]);
        expect(sc?.privileged, nameOf(s)).not.toBe(true);
        // a fixed UID would clash with OpenShift's per-namespace UID range
        expect(sc?.runAsUser, nameOf(s)).toBeUndefined();
        expect(s.spec?.template?.spec?.volumes ?? [], nameOf(s)).toEqual([]);
      }
    });

    it('probes readiness on /health/ready and liveness on /health/live at the serving port', () => {
      for (const s of services(objects(overlay))) {
        const c = containerOf(s);
        const port = c.ports?.[0]?.containerPort;
        expect(c.ports, nameOf(s)).toHaveLength(1);
        expect(c.readinessProbe?.httpGet, nameOf(s)).toEqual({ path: '/health/ready', port });
        expect(c.livenessProbe?.httpGet, nameOf(s)).toEqual({ path: '/health/live', port });
      }
    });

    it('requests and limits CPU and memory, requests within limits', () => {
      for (const s of services(objects(overlay))) {
        const { requests, limits } = containerOf(s).resources ?? {};
        for (const r of ['cpu', 'memory']) {
          const request = quantity(requests?.[r]);
          expect(request, `${nameOf(s)} ${r}`).toBeGreaterThan(0);
          expect(quantity(limits?.[r]), `${nameOf(s)} ${r}`).toBeGreaterThanOrEqual(request);
        }
      }
    });

    it('bounds concurrency and scale: target within containerConcurrency, max-scale ≥ min-scale', () => {
      for (const s of services(objects(overlay))) {
        const cc = s.spec?.template?.spec?.containerConcurrency ?? 0;
        const target = Number(annotationOf(s, 'autoscaling.knative.dev/target'));
        const max = Number(annotationOf(s, 'autoscaling.knative.dev/max-scale'));
        expect(cc, nameOf(s)).toBeGreaterThanOrEqual(1);
        expect(target, nameOf(s)).toBeGreaterThan(0);
        expect(target, nameOf(s)).toBeLessThanOrEqual(cc);
        expect(max, nameOf(s)).toBeGreaterThanOrEqual(Math.max(1, minScale(s)));
      }
    });

    it('lets the app time out and drain before Knative cuts the request or kills the pod', () => {
      for (const s of services(objects(overlay))) {
        const timeoutMs = (s.spec?.template?.spec?.timeoutSeconds ?? 0) * 1000;
        expect(timeoutMs, nameOf(s)).toBeGreaterThan(0);
        expect(Number(envOf(s, 'REQUEST_TIMEOUT_MS')), nameOf(s)).toBeLessThan(timeoutMs);
        expect(Number(envOf(s, 'SHUTDOWN_TIMEOUT_MS')), nameOf(s)).toBeLessThan(timeoutMs);
      }
    });

    it('turns off ONNX Runtime telemetry in every function', () => {
      for (const s of services(objects(overlay)))
        expect(envOf(s, 'ORT_DISABLE_TELEMETRY'), nameOf(s)).toBe('1');
    });

    it('routes batch requests to batch-score and the inference log and outcomes to the monitor', () => {
      const routes = triggers(objects(overlay)).map((t) => [
        t.spec?.filter?.attributes?.type,
        t.spec?.subscriber.ref?.name,
      ]);
      expect(routes.sort()).toEqual(
        [
          [types.batchRequested, 'batch-score'],
          [types.outcomeObserved, 'monitor'],
          [types.predictionLogged, 'monitor'],
        ].sort(),
      );
      // batch-score's reply re-enters the Broker: no Trigger may send it back (a loop)
      expect(routes.map(([type]) => type)).not.toContain(types.batchScored);
    });

    it('retries every delivery with exponential back-off, then dead-letters it', () => {
      const [broker] = brokers(objects(overlay));
      const deliveries = [
        broker?.spec?.delivery,
        ...triggers(objects(overlay)).map((t) => t.spec?.delivery),
      ];
      for (const d of deliveries) {
        expect(d?.retry).toBeGreaterThanOrEqual(3);
        expect(d?.backoffPolicy).toBe('exponential');
        expect(d?.backoffDelay).toMatch(/^PT\d+(\.\d+)?S$/);
        expect(d?.deadLetterSink?.ref).toMatchObject({ kind: 'Service', name: 'dead-letter' });
      }
      for (const t of triggers(objects(overlay)))
        expect(t.spec?.broker).toBe(broker?.metadata?.name);
    });

    it('gives K_SINK (the Broker) to exactly the functions that emit events', () => {
      const [binding, ...others] = sinkBindings(objects(overlay));
      expect(others).toHaveLength(0);
      const labels = binding?.spec.subject.selector?.matchLabels ?? {};
      const selected = services(objects(overlay)).filter((s) =>
        Object.entries(labels).every(([k, v]) => s.metadata?.labels?.[k] === v),
      );
      expect(Object.keys(labels).length).toBeGreaterThan(0);
      expect(selected.map(nameOf).sort()).toEqual(EMITTERS);
      expect(binding?.spec.sink?.ref).toMatchObject({
        kind: 'Broker',
        name: brokers(objects(overlay))[0]?.metadata?.name,
      });
    });

    it('keeps the event-only receivers inside the cluster', () => {
      for (const s of services(objects(overlay)).filter((x) =>
        ['batch-score', 'dead-letter'].includes(nameOf(x)),
      ))
        expect(s.metadata?.labels?.['networking.knative.dev/visibility']).toBe('cluster-local');
    });
  });

  it('demo: every function scales to zero', () => {
    for (const s of services(objects('demo'))) expect(minScale(s), nameOf(s)).toBe(0);
  });

  it.each(['production', 'canary'])('%s: latency-critical functions keep warm instances', (o) => {
    for (const s of services(objects(o)).filter((x) => LATENCY_CRITICAL.includes(nameOf(x))))
      expect(minScale(s), nameOf(s)).toBeGreaterThanOrEqual(1);
  });

  it.each(['production', 'canary'])(
    '%s: scoring and the monitoring report need an API key from a Secret',
    (o) => {
      for (const s of services(objects(o))) {
        const env = containerOf(s).env ?? [];
        const mode = env.find((e) => e.name === 'AUTH_MODE')?.value;
        const keys = env.find((e) => e.name === 'API_KEYS')?.valueFrom?.secretKeyRef;
        if (['predict', 'explain', 'monitor'].includes(nameOf(s))) {
          expect(mode, nameOf(s)).toBe('api-key');
          expect(keys, nameOf(s)).toMatchObject({ name: 'scorefn-api-keys', key: 'keys' });
        } else expect(mode, nameOf(s)).toBeUndefined();
      }
    },
  );

  it('demo: no authentication (the local demo)', () => {
    for (const s of services(objects('demo')))
      expect(
        (containerOf(s).env ?? []).some((e) => e.name === 'AUTH_MODE'),
        nameOf(s),
      ).toBe(false);
  });

  it.each(['demo', 'production'])('%s: the latest revision takes all traffic', (overlay) => {
    for (const s of services(objects(overlay)))
      expect(s.spec?.traffic, nameOf(s)).toEqual([{ latestRevision: true, percent: 100 }]);
  });

  it('canary: splits every Service between its current revision and the candidate, 100 % in all', () => {
    for (const s of services(objects('canary'))) {
      const traffic = s.spec?.traffic ?? [];
      expect(
        traffic.reduce((sum, t) => sum + (t.percent ?? 0), 0),
        nameOf(s),
      ).toBe(100);
      const current = traffic.find((t) => t.tag === 'current');
      const candidate = traffic.find((t) => t.tag === 'candidate');
      expect(current?.revisionName, nameOf(s)).toMatch(new RegExp(`^${nameOf(s)}-\\d{5}$`));
      expect(candidate?.latestRevision, nameOf(s)).toBe(true);
      expect(candidate?.percent, nameOf(s)).toBeGreaterThan(0);
      expect(candidate?.percent, nameOf(s)).toBeLessThan(50);
    }
  });

  it('canary: changes only traffic, so promoting (applying production) creates no revision', () => {
    const production = new Map(services(objects('production')).map((s) => [nameOf(s), s]));
    for (const s of services(objects('canary'))) {
      const p = production.get(nameOf(s));
      expect(s.spec?.template, nameOf(s)).toEqual(p?.spec?.template);
      expect(s.metadata, nameOf(s)).toEqual(p?.metadata);
    }
  });
});
