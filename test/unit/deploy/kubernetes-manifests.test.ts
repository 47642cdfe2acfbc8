import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IContainer, IService } from 'kubernetes-models/v1';
import { parseConfig, SETTING_NAMES, type Config } from '../../../core/config';
import {
  bytesOf,
  containersOf,
  loadManifests,
  modelFor,
  podTemplateOf,
  selects,
  type Kustomization,
  type ManifestDocument,
} from '../../helpers/kubernetes-manifests';

/**
 * deploy/kubernetes/ checked without a cluster: every document against the Kubernetes API schemas
 * (kubernetes-models), then what a schema cannot see: probes, drain timing, memory, settings, selectors, entry points.
 */
const ROOT = join(__dirname, '../../..');
const DIR = join(ROOT, 'deploy/kubernetes');
const { documents, kustomizations } = loadManifests(DIR);

/** The peak RSS goal of one gateway process. */
const MEMORY_GOAL_BYTES = 250e6;
/** Read by node itself, not by core/config.ts. */
const NODE_RUNTIME_ENV = new Set(['NODE_OPTIONS']);
const SETTINGS = new Set<string>(SETTING_NAMES);

const byKind = <T>(kind: string) => documents.filter((d) => d.kind === kind) as unknown as Array<T & ManifestDocument>;
const labelOf = (d: ManifestDocument) => `${d.file}: ${d.kind} ${d.metadata.name}`;
const workloads = documents.filter((d) => podTemplateOf(d));
const component = (name: string) =>
  workloads.find((d) => d.metadata.labels?.['app.kubernetes.io/component'] === name) as ManifestDocument;
const gateway = component('gateway');
const gatewayContainer = containersOf(gateway)[0] as IContainer;

/** The documents one kustomization builds (resources, recursively), with its ConfigMap patches merged in. */
function build(kustomization: Kustomization): ManifestDocument[] {
  const base = dirname(kustomization.file);
  const built = (kustomization.resources ?? []).flatMap((resource) => {
    const path = normalize(join(base, resource));
    const nested = kustomizations.find((k) => k.file === join(path, 'kustomization.yaml'));
    return nested ? build(nested) : documents.filter((d) => d.file === path);
  });
  for (const { path } of kustomization.patches ?? []) {
    for (const patch of documents.filter((d) => d.file === normalize(join(base, path)))) {
      const target = built.find((d) => d.kind === patch.kind && d.metadata.name === patch.metadata.name);
      if (!target) throw new Error(`${kustomization.file}: patch ${patch.file} matches nothing`);
      if (patch.kind !== 'ConfigMap') throw new Error(`${patch.file}: only ConfigMap patches are modelled here`);
      const merged = { ...(target.data as object), ...(patch.data as object) };
      built[built.indexOf(target)] = { ...target, data: merged };
    }
  }
  return built;
}

const overlays = kustomizations.filter((k) => k.namespace).map((k) => ({ kustomization: k, built: build(k) }));

/**
 * The environment a container starts with in one overlay: its ConfigMaps (envFrom, configMapKeyRef), plain values,
 * a stand-in for each required Secret key and for downward-API fields; optional Secret keys left unset.
 */
function environmentOf(container: IContainer, built: ManifestDocument[]): Record<string, string> {
  const configMap = (name: string) => {
    const found = built.find((d) => d.kind === 'ConfigMap' && d.metadata.name === name);
    if (!found) throw new Error(`no ConfigMap ${name}`);
    return (found.data ?? {}) as Record<string, string>;
  };
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configMap(source.configMapRef.name ?? ''));
  }
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    if (entry.value !== undefined) env[entry.name] = entry.value;
    else if (from?.configMapKeyRef) {
      const value = configMap(from.configMapKeyRef.name ?? '')[from.configMapKeyRef.key];
      if (value === undefined) throw new Error(`${entry.name}: no key ${from.configMapKeyRef.key}`);
      env[entry.name] = value;
    } else if (from?.secretKeyRef && !from.secretKeyRef.optional) {
      env[entry.name] = entry.name === 'REDIS_URL' ? 'redis://:secret@redis:6379/0' : 'a-secret';
    } else if (from?.fieldRef) env[entry.name] = '10.0.0.7';
  }
  return env;
}

type Overlay = (typeof overlays)[number];
const production = overlays.find((o) => o.kustomization.file === 'kustomization.yaml') as Overlay;

/** The gateway's configuration as an overlay starts it; throws the ConfigError the gateway would exit with. */
function gatewayConfigOf({ built }: Overlay): Config {
  const container = containersOf(built.find((d) => d.file === gateway.file) as ManifestDocument)[0] as IContainer;
  return parseConfig(environmentOf(container, built));
}

function containerPort(container: IContainer, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('finds the manifests and the kustomizations that tie them together', () => {
    expect(documents.length).toBeGreaterThan(10);
    expect(overlays.map((o) => o.kustomization.file).sort()).toEqual([
      'kustomization.yaml',
      'staging/kustomization.yaml',
    ]);
    expect(gateway && gatewayContainer).toBeTruthy();
  });

  describe('each document is valid against the Kubernetes API schema of its apiVersion and kind', () => {
    it.each(documents.map((d) => [labelOf(d), d] as const))('%s', (_label, document) => {
      const Model = modelFor(document.apiVersion, document.kind);
      if (!Model) throw new Error(`${document.apiVersion} ${document.kind} is not a known Kubernetes API type`);
      const { file: _file, ...object } = document;
      expect(() => new Model(object).validate()).not.toThrow();
    });

    it('rejects a document of a kind the API does not have', () => {
      expect(modelFor('apps/v1', 'Deployments')).toBeUndefined();
      expect(modelFor('v1', 'PodSpec')).toBeUndefined();
      expect(modelFor('kustomize.config.k8s.io/v1beta1', 'Kustomization')).toBeUndefined();
    });
  });

  it('lists every manifest in a kustomization, and every resource and patch a kustomization names exists', () => {
    const listed = new Set<string>();
    for (const k of kustomizations) {
      const base = dirname(k.file);
      for (const entry of [...(k.resources ?? []), ...(k.patches ?? []).map((p) => p.path)]) {
        const path = normalize(join(base, entry));
        expect(existsSync(join(DIR, path))).toBe(true);
        listed.add(path);
      }
    }
    expect(documents.map((d) => d.file).filter((file) => !listed.has(file))).toEqual([]);
  });

  it('builds the Secret the containers read from the example file, and every key there is a setting', () => {
    const example = readFileSync(join(DIR, 'gateway-secrets.env.example'), 'utf8');
    const exampleKeys = example
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0] as string);
    expect(exampleKeys.filter((key) => !SETTINGS.has(key))).toEqual([]);
    for (const { kustomization } of overlays) {
      expect(kustomization.secretGenerator).toEqual([{ name: 'dms-gateway-secrets', envs: ['gateway-secrets.env'] }]);
    }
    const secretRefs = workloads.flatMap(containersOf).flatMap((c) => c.env ?? []);
    for (const entry of secretRefs.filter((e) => e.valueFrom?.secretKeyRef)) {
      expect(entry.valueFrom?.secretKeyRef?.name).toBe('dms-gateway-secrets');
      expect(exampleKeys).toContain(entry.valueFrom?.secretKeyRef?.key);
    }
    const jwt = gatewayContainer.env?.find((e) => e.name === 'JWT_SECRET_KEY');
    expect(jwt?.valueFrom?.secretKeyRef?.optional).toBeFalsy();
  });

  it('every ConfigMap key and container variable is a setting the processes read', () => {
    for (const configMap of documents.filter((d) => d.kind === 'ConfigMap')) {
      const unknown = Object.keys((configMap.data ?? {}) as object).filter((key) => !SETTINGS.has(key));
      expect([labelOf(configMap), unknown]).toEqual([labelOf(configMap), []]);
    }
    for (const workload of workloads) {
      const names = containersOf(workload).flatMap((c) => (c.env ?? []).map((e) => e.name));
      const unknown = names.filter((name) => !SETTINGS.has(name) && !NODE_RUNTIME_ENV.has(name));
      expect([labelOf(workload), unknown]).toEqual([labelOf(workload), []]);
    }
  });

  it.each(overlays.map((o) => [o.kustomization.file, o] as const))(
    "the gateway's environment in %s is a valid production configuration",
    (_file, overlay) => {
      const config = gatewayConfigOf(overlay);
      expect(config.nodeEnv).toBe('production');
      expect(config.consul?.address).toBeTruthy();
      expect(config.redis).toBeTruthy();
      expect(config.healthChecker.enabled).toBe(false);
    },
  );

  it('the stand-in services never register in the production Consul', () => {
    const addresses = overlays.map((overlay) => gatewayConfigOf(overlay).consul?.address);
    expect(new Set(addresses).size).toBe(overlays.length);
    for (const { kustomization, built } of overlays) {
      const standIns = built.filter((d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'reference-services');
      expect([kustomization.file, standIns.length]).toEqual([
        kustomization.file,
        kustomization.namespace === 'dms' ? 0 : 1,
      ]);
    }
  });

  it("the gateway's probes ask /readyz (readiness) and /healthz (liveness, startup) on the port it listens on", () => {
    const { port } = gatewayConfigOf(production).http;
    const { readinessProbe, livenessProbe, startupProbe } = gatewayContainer;
    expect(readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(startupProbe?.httpGet?.path).toBe('/healthz');
    for (const probe of [readinessProbe, livenessProbe, startupProbe]) {
      expect(containerPort(gatewayContainer, probe?.httpGet?.port)).toBe(port);
    }
    const service = byKind<IService>('Service').find((s) => s.metadata.name === 'dms-gateway');
    expect(containerPort(gatewayContainer, service?.spec?.ports?.[0]?.targetPort)).toBe(port);
    const annotations = podTemplateOf(gateway)?.metadata?.annotations ?? {};
    expect(Number(annotations['prometheus.io/port'])).toBe(port);
  });

  it("the health checker's probes ask /healthz on HEALTH_CHECKER_PORT", () => {
    const checker = component('health-checker');
    const container = containersOf(checker)[0] as IContainer;
    const config = parseConfig(environmentOf(container, production.built));
    expect(config.consul?.address).toBe(gatewayConfigOf(production).consul?.address);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe?.httpGet?.path).toBe('/healthz');
      expect(containerPort(container, probe?.httpGet?.port)).toBe(config.healthChecker.port);
    }
  });

  it('terminationGracePeriodSeconds covers the preStop delay, SHUTDOWN_GRACE_MS and the close margin', () => {
    // src/main.ts lets the close run this long past the grace before it exits 1.
    const margin = /config\.shutdownGraceMs \+ ([\d_]+)/.exec(readFileSync(join(ROOT, 'src/main.ts'), 'utf8'));
    if (!margin) throw new Error('src/main.ts no longer shows its close margin; update this test');
    const marginSeconds = Number((margin[1] as string).replace(/_/g, '')) / 1000;
    const preStop = gatewayContainer.lifecycle?.preStop;
    const preStopSeconds = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command?.[1]);
    expect(preStopSeconds).toBeGreaterThan(0);
    for (const config of overlays.map(gatewayConfigOf)) {
      const needed = preStopSeconds + config.shutdownGraceMs / 1000 + marginSeconds;
      expect(podTemplateOf(gateway)?.spec?.terminationGracePeriodSeconds).toBeGreaterThan(needed);
    }
  });

  it("the gateway's memory request and limit stay within the 250 MB RSS goal, its heap below them", () => {
    const { requests, limits } = gatewayContainer.resources ?? {};
    const limit = bytesOf(limits?.memory ?? Number.NaN);
    expect(limit).toBeLessThanOrEqual(MEMORY_GOAL_BYTES);
    expect(bytesOf(requests?.memory ?? Number.NaN)).toBeLessThanOrEqual(limit);
    const heap = /--max-old-space-size=(\d+)/.exec(
      gatewayContainer.env?.find((e) => e.name === 'NODE_OPTIONS')?.value ?? '',
    );
    expect(Number(heap?.[1]) * 2 ** 20).toBeLessThan(limit);
  });

  it("the HPA and the PDB select the gateway's pods and no other workload's", () => {
    const [hpa] = byKind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    expect(hpa?.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'dms-gateway' });
    expect(gateway.metadata.name).toBe('dms-gateway');
    expect(hpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    // Left to the HPA, so `kubectl apply` does not reset the replica count.
    expect((gateway.spec as { replicas?: number }).replicas).toBeUndefined();

    const [pdb] = byKind<IPodDisruptionBudget>('PodDisruptionBudget');
    const selector = pdb?.spec?.selector?.matchLabels;
    expect(workloads.filter((w) => selects(selector, podTemplateOf(w)?.metadata?.labels))).toEqual([gateway]);
    expect(pdb?.spec?.maxUnavailable).toBe(1);
  });

  it('every workload selector, Service and spread constraint selects its own pods and nobody else', () => {
    const podsSelectedBy = (selector: Record<string, string> | undefined) =>
      workloads.filter((w) => selects(selector, podTemplateOf(w)?.metadata?.labels));
    for (const workload of workloads) {
      const selector = (workload.spec as { selector?: { matchLabels?: Record<string, string> } }).selector;
      expect([labelOf(workload), podsSelectedBy(selector?.matchLabels)]).toEqual([labelOf(workload), [workload]]);
      for (const spread of podTemplateOf(workload)?.spec?.topologySpreadConstraints ?? []) {
        expect(podsSelectedBy(spread.labelSelector?.matchLabels)).toEqual([workload]);
      }
    }
    for (const service of byKind<IService>('Service')) {
      const [selected, ...others] = podsSelectedBy(service.spec?.selector);
      expect([labelOf(service), others.length]).toEqual([labelOf(service), 0]);
      expect(selected?.metadata.name).toBe(service.metadata.name);
      const container = containersOf(selected as ManifestDocument)[0] as IContainer;
      for (const port of service.spec?.ports ?? []) expect(containerPort(container, port.targetPort)).toBeDefined();
    }
  });

  it('the gateway spreads over nodes and zones', () => {
    const keys = podTemplateOf(gateway)?.spec?.topologySpreadConstraints?.map((c) => c.topologyKey);
    expect(keys).toEqual(expect.arrayContaining(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']));
  });

  it('every container runs an entry point the build produces, from the image the Dockerfile builds', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    for (const container of workloads.flatMap(containersOf)) {
      const [runtime, script] = container.command ?? [];
      expect(runtime).toBe('node');
      const source = /^dist\/(.+)\.js$/.exec(script ?? '')?.[1];
      expect(source && existsSync(join(ROOT, `${source}.ts`))).toBe(true);
      expect(build.include).toContain(source?.split('/')[0]);
      expect(container.image).toBe('dms-sms-gateway');
    }
    // The image's own command is the gateway's, as the gateway's Deployment spells it.
    const cmd = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].pop()?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(gatewayContainer.command);
    for (const { kustomization } of overlays) {
      expect(kustomization.images?.map((i) => i.name)).toEqual(['dms-sms-gateway']);
    }
  });

  it('every pod meets the restricted Pod Security Standard its namespace enforces', () => {
    for (const { built } of overlays) {
      const namespaces = built.filter((d) => d.kind === 'Namespace');
      expect(namespaces.map((n) => n.metadata.labels?.['pod-security.kubernetes.io/enforce'])).toEqual(['restricted']);
    }
    for (const workload of workloads) {
      const pod = podTemplateOf(workload)?.spec;
      expect(pod?.securityContext?.runAsNonRoot).toBe(true);
      // The image's user is `node`, a name the kubelet cannot check against runAsNonRoot: the uid must be given.
      expect(pod?.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod?.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod?.automountServiceAccountToken).toBe(false);
      for (const container of pod?.containers ?? []) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });
});
