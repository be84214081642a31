/**
 * Typed views of built Knative objects for the policy tests: the Services, Triggers, Broker and
 * SinkBinding of a kustomize build, each function's container and env, and Kubernetes quantities.
 */
import type { IBroker } from '@kubernetes-models/knative/eventing.knative.dev/v1/Broker';
import type { ITrigger } from '@kubernetes-models/knative/eventing.knative.dev/v1/Trigger';
import type { IService } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import type { ISinkBinding } from '@kubernetes-models/knative/sources.knative.dev/v1/SinkBinding';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { KubeObject } from './kustomize.js';

const ofType = <T>(objects: readonly KubeObject[], apiVersion: string, kind: string): T[] =>
  objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind) as unknown as T[];

export const services = (objects: readonly KubeObject[]) =>
  ofType<IService>(objects, 'serving.knative.dev/v1', 'Service');
export const triggers = (objects: readonly KubeObject[]) =>
  ofType<ITrigger>(objects, 'eventing.knative.dev/v1', 'Trigger');
export const brokers = (objects: readonly KubeObject[]) =>
  ofType<IBroker>(objects, 'eventing.knative.dev/v1', 'Broker');
export const sinkBindings = (objects: readonly KubeObject[]) =>
  ofType<ISinkBinding>(objects, 'sources.knative.dev/v1', 'SinkBinding');

/** A Service's name (every built Service has one). */
export const nameOf = (service: IService): string => service.metadata?.name ?? '';

/** The single container of a Service's revision template (throws when there is not exactly one). */
export function containerOf(service: IService): IContainer {
  const containers = service.spec?.template?.spec?.containers ?? [];
  const [container] = containers;
  if (containers.length !== 1 || container === undefined)
    throw new Error(`${nameOf(service)}: expected one container, found ${containers.length}`);
  return container;
}

/** A container's literal env value (undefined when absent or taken from a Secret). */
export const envOf = (service: IService, name: string): string | undefined =>
  containerOf(service).env?.find((e) => e.name === name)?.value;

/** A revision template annotation, such as `autoscaling.knative.dev/min-scale`. */
export const annotationOf = (service: IService, key: string): string | undefined =>
  service.spec?.template?.metadata?.annotations?.[key];

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
};

/** A Kubernetes quantity ("500m", "1", "256Mi", "1Gi") as a number (cores or bytes). */
export function quantity(value: string | number | undefined): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|Ki|Mi|Gi)?$/.exec(value ?? '');
  const factor = UNITS[match?.[2] ?? ''];
  if (match?.[1] === undefined || factor === undefined)
    throw new Error(`not a quantity: ${String(value)}`);
  return Number(match[1]) * factor;
}
