import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as models from 'kubernetes-models';
import type { IContainer, IPodTemplateSpec } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

/** One YAML document of a manifest file under deploy/kubernetes/. */
export interface ManifestDocument {
  /** Path relative to the manifests folder, e.g. `base/gateway-deployment.yaml`. */
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** A kustomization.yaml: the fields these manifests use. */
export interface Kustomization {
  file: string;
  namespace?: string;
  resources?: string[];
  patches?: Array<{ path: string }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  secretGenerator?: Array<{ name: string; envs?: string[] }>;
}

export interface ManifestSet {
  documents: ManifestDocument[];
  kustomizations: Kustomization[];
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Every YAML document under `dir`; kustomization.yaml files (kustomize's own config, not API objects) apart. */
export function loadManifests(dir: string): ManifestSet {
  const set: ManifestSet = { documents: [], kustomizations: [] };
  for (const path of yamlFilesUnder(dir).sort()) {
    const file = relative(dir, path);
    for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      const value: unknown = document.toJS();
      if (value === null || value === undefined) continue;
      if (/(^|\/)kustomization\.ya?ml$/.test(file)) set.kustomizations.push({ ...(value as object), file });
      else set.documents.push({ ...(value as object), file } as ManifestDocument);
    }
  }
  return set;
}

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: object): { validate(): void };
}

/**
 * The kubernetes-models class of a built-in API type, or undefined when the library has no such top-level type.
 * `apps/v1` → `models.apps.v1`, `networking.k8s.io/v1` → `models.networkingK8sIo.v1`, `v1` → `models.v1`.
 */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const groupKey = group ? group.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()) : '';
  const namespace = (groupKey ? (models as Record<string, unknown>)[groupKey] : models) as
    Record<string, Record<string, unknown> | undefined> | undefined;
  const candidate = namespace?.[version ?? '']?.[kind] as ModelClass | undefined;
  // Nested types (PodSpec, Container…) are exported too but carry no apiVersion/kind of their own.
  if (typeof candidate !== 'function' || candidate.kind !== kind || candidate.apiVersion !== apiVersion) return;
  return candidate;
}

/** The pod template of a workload document, if it has one. */
export function podTemplateOf(document: ManifestDocument): IPodTemplateSpec | undefined {
  const spec = document.spec as { template?: IPodTemplateSpec } | undefined;
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(document.kind) ? spec?.template : undefined;
}

export function containersOf(document: ManifestDocument): IContainer[] {
  return podTemplateOf(document)?.spec?.containers ?? [];
}

/** Whether a `matchLabels` selector selects pods with these labels (these manifests use matchLabels only). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

const QUANTITY_SUFFIXES: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
};

/** A Kubernetes memory quantity in bytes (`250M`, `256Mi`, `1Gi`, `1048576`). */
export function bytesOf(quantity: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(k|M|G|Ki|Mi|Gi)?$/.exec(String(quantity));
  if (!match) throw new Error(`unsupported memory quantity ${quantity}`);
  return Number(match[1]) * (QUANTITY_SUFFIXES[match[2] ?? ''] ?? Number.NaN);
}
