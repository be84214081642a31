/**
 * Validates built objects with the typed models of `@kubernetes-models/knative` and
 * `kubernetes-models` (JSON Schemas generated from the Go API types): a wrong type, a missing
 * required field or an unknown enum value fails, as the API server's validation would.
 */
import { Broker } from '@kubernetes-models/knative/eventing.knative.dev/v1/Broker';
import { Trigger } from '@kubernetes-models/knative/eventing.knative.dev/v1/Trigger';
import { Service } from '@kubernetes-models/knative/serving.knative.dev/v1/Service';
import {
  SinkBinding,
  type ISinkBinding,
} from '@kubernetes-models/knative/sources.knative.dev/v1/SinkBinding';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { KubeObject } from './kustomize.js';

type ISinkBindingData = Omit<ISinkBinding, 'apiVersion' | 'kind' | 'status'> & {
  status?: ISinkBinding['status'];
};

interface Validatable {
  validate(): void;
}

const MODELS: Readonly<Record<string, (data: never) => Validatable>> = {
  'serving.knative.dev/v1 Service': (data) => new Service(data),
  'eventing.knative.dev/v1 Broker': (data) => new Broker(data),
  'eventing.knative.dev/v1 Trigger': (data) => new Trigger(data),
  // The generated model requires `status` (the Go field lacks omitempty); the controller sets it,
  // a manifest never does, so the check gives it an empty one.
  'sources.knative.dev/v1 SinkBinding': (data: ISinkBindingData) =>
    new SinkBinding({ ...data, status: data.status ?? {} }),
  'v1 Namespace': (data) => new Namespace(data),
};

/** The object's `apiVersion kind`, the key of the model that validates it. */
export const typeKey = (object: KubeObject): string => `${object.apiVersion} ${object.kind}`;

/** The kinds this module can validate; any other kind in the output is itself a failure. */
export const MODELLED_KINDS: readonly string[] = Object.keys(MODELS);

/**
 * Validates one object with its model; returns the problems (empty when valid), or a problem
 * naming the kind when no model is known for it.
 */
export function modelProblems(object: KubeObject): string[] {
  const create = MODELS[typeKey(object)];
  if (create === undefined) return [`no model for ${typeKey(object)}`];
  try {
    create(object as never).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
