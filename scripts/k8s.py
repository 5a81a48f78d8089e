"""Writes the Kubernetes package in docker/k8s/ from the list of subgraphs.

    python -m scripts.k8s            # (re)write docker/k8s/
    python -m scripts.k8s --check    # exit 1 when the committed files are stale

Every file under docker/k8s/ comes from here: one Deployment, Service, HPA,
PodDisruptionBudget and NetworkPolicy per part (the router and each subgraph
`lifegraph.discovery` finds), the supergraph with in-cluster URLs, the Ingress
and the two overlays. docs/deployment.md explains the figures and what to set.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docker" / "k8s"
SUPERGRAPH = ROOT / "schema" / "supergraph.graphql"

Manifest = dict[str, Any]

PORT = 8000
UID = 10001  # docker/Dockerfile's `lifegraph` user
ROUTER = "router"
CONFIG = "lifegraph-config"
SECRET = "lifegraph"  # noqa: S105 - the Secret object's name
JWKS_SECRET = "lifegraph-jwks"  # noqa: S105 - a name, not a value
PART_OF = {"app.kubernetes.io/part-of": "lifegraph"}
# Where the ingress controller and the Prometheus scraper run: the only pods outside
# LifeGraph that may open a connection to it (docs/deployment.md says how to change them).
INGRESS_NAMESPACE = "ingress-nginx"
MONITORING_NAMESPACE = "monitoring"
# OTLP/HTTP: where the router may send its spans, an OpenTelemetry Collector in the
# monitoring namespace (LIFEGRAPH_OTLP_TRACES_ENDPOINT, docs/deployment.md "Monitoring").
OTLP_HTTP_PORT = 4318

# The longest request a part serves is a router fetch bounded by
# LIFEGRAPH_ROUTER_SUBGRAPH_TIMEOUT_SECONDS (30 s by default): uvicorn gets that and a
# margin to finish in-flight requests, Kubernetes the drain delay on top.
SHUTDOWN_SECONDS = 35
DRAIN_SECONDS = 5
GRACE_SECONDS = DRAIN_SECONDS + SHUTDOWN_SECONDS + 10
# Subscriptions are long-lived sockets: the ingress keeps an idle one an hour
# (clients ping far more often than that) instead of nginx's 60 s default.
SOCKET_TIMEOUT_SECONDS = 3600

# Engine ports the subgraphs (and the router, for Redis) may reach.
MONGODB_PORT = 27017
AMQP_PORT = 5672
REDIS_PORTS = (6379, 26379)
# Outbound providers (SMTP, web push, OAuth, the coach's model): anything outside
# the cluster's private ranges, on their ports.
PROVIDER_PORTS = (443, 465, 587)
PRIVATE_RANGES = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")


@dataclass(frozen=True)
class SecretKey:
    """One environment variable read from the `lifegraph` Secret."""

    env: str
    optional: bool = False


@dataclass(frozen=True)
class Part:
    """One process: the router or a subgraph, and what it needs beyond the shared config."""

    name: str
    args: tuple[str, ...]
    secrets: tuple[SecretKey, ...]
    # RSS: docs/performance.md measured ~150 MB for all six subgraphs and the router
    # in one process, docs/router.md 52-75 MB for the router under load plus ~100 KB
    # per subscription socket (docs/subscriptions.md): a request near the idle figure,
    # a limit with room for bursts and a few thousand sockets.
    memory_request: str = "128Mi"
    memory_limit: str = "384Mi"
    # One asyncio process runs on one core: a limit above 1 CPU buys nothing.
    cpu_request: str = "100m"
    cpu_limit: str = "1"
    mounts_jwks: bool = False
    extra_egress_ports: tuple[int, ...] = field(default=())


# The engines' URLs carry their credentials (the operators generate them), so they
# are secrets too; docs/deployment.md shows how to copy them in.
MONGODB_URL = SecretKey("MONGODB_URL")
SHARED_SUBGRAPH_SECRETS = (
    SecretKey("LIFEGRAPH_ROUTER_SECRET"),
    SecretKey("LIFEGRAPH_CURSOR_SECRET"),
    MONGODB_URL,
    SecretKey("AMQP_URL"),
    # Every subgraph writes its part of a data export to the bucket (docs/media.md).
    SecretKey("LIFEGRAPH_S3_ACCESS_KEY_ID", optional=True),
    SecretKey("LIFEGRAPH_S3_SECRET_ACCESS_KEY", optional=True),
)
SMTP = SecretKey("LIFEGRAPH_SMTP_PASSWORD", optional=True)
SMS = SecretKey("LIFEGRAPH_SMS_AUTH_TOKEN", optional=True)
# What each subgraph reads beyond the shared secrets (common/settings.py names them).
SUBGRAPH_SECRETS: Mapping[str, tuple[SecretKey, ...]] = {
    "users": (SMTP, SMS, SecretKey("LIFEGRAPH_OAUTH_PROVIDERS", optional=True)),
    # Mobile push (docs/notifications.md): FCM's service account, APNs' .p8 key; each
    # channel is off without its secret.
    "notifications": (
        SMTP,
        SMS,
        SecretKey("LIFEGRAPH_VAPID_PRIVATE_KEY"),
        SecretKey("LIFEGRAPH_FCM_SERVICE_ACCOUNT_JSON", optional=True),
        SecretKey("LIFEGRAPH_FCM_PRIVATE_KEY", optional=True),
        SecretKey("LIFEGRAPH_APNS_PRIVATE_KEY", optional=True),
    ),
    "chat": (SecretKey("LIFEGRAPH_COACH_OPENAI_API_KEY", optional=True),),
    # The S3 keys are shared (above); the signing secret only for the local backend.
    "media": (
        SecretKey("LIFEGRAPH_MEDIA_SIGNING_SECRET", optional=True),
        # The voice providers' keys (transcription, the coach's spoken replies).
        SecretKey("LIFEGRAPH_TRANSCRIPTION_OPENAI_API_KEY", optional=True),
        SecretKey("LIFEGRAPH_SPEECH_OPENAI_API_KEY", optional=True),
    ),
}

# Non-secret settings every part reads (ConfigMap `lifegraph-config`).
SHARED_CONFIG: Mapping[str, str] = {
    "LIFEGRAPH_ENVIRONMENT": "production",
    "LIFEGRAPH_LOG_JSON": "true",
    "LIFEGRAPH_SHUTDOWN_TIMEOUT_SECONDS": str(SHUTDOWN_SECONDS),
    # The root filesystem is read-only: anything a part writes goes to its /tmp emptyDir.
    "LIFEGRAPH_DATA_DIR": "/tmp/lifegraph",  # noqa: S108
    # Redis without a password inside the cluster (docs/deployment.md "The engines"); the
    # MongoDB and RabbitMQ URLs hold credentials and come from the Secret.
    "REDIS_URL": "redis://redis:6379/0",
    "LIFEGRAPH_JWKS_URL": f"http://users:{PORT}/.well-known/jwks.json",
    "LIFEGRAPH_SMTP_HOST": "smtp.example.com",
    "LIFEGRAPH_PUBLIC_BASE_URL": "https://api.example.com",
    # The pod network: the ingress in front of the router, the router in front of the
    # subgraphs. Use your cluster's pod CIDR (docs/security.md).
    "LIFEGRAPH_TRUSTED_PROXIES": '["10.0.0.0/8"]',
    "LIFEGRAPH_CORS_ORIGINS": '["https://app.example.com"]',
    # The bucket's origin (path-style URLs): the web app loads photos from it and PUTs uploads.
    "LIFEGRAPH_WEB_MEDIA_ORIGINS": '["https://s3.us-east-1.amazonaws.com"]',
    # The `lifegraph-indexes` Job builds indexes once per release; replicas only wait
    # for it (their init container), instead of racing to build the same index.
    "LIFEGRAPH_MONGODB_CREATE_INDEXES": "false",
    # Media in an S3-compatible bucket (docs/media.md): the bucket is provisioned by the
    # operator; credentials come from the Secret, or from the pod's cloud identity.
    "LIFEGRAPH_MEDIA_STORAGE": "s3",
    "LIFEGRAPH_S3_BUCKET": "lifegraph-media",
    "LIFEGRAPH_S3_REGION": "us-east-1",
}
# How long a pod's init container waits for the release's index Job.
INDEX_WAIT_SECONDS = 900
INDEXES = "indexes"


def parts(subgraph_names: Iterable[str]) -> list[Part]:
    """The router and one part per subgraph, in discovery order."""
    router = Part(
        ROUTER,
        ("router", "--supergraph", "/config/supergraph.graphql", "--port", str(PORT)),
        (SecretKey("LIFEGRAPH_ROUTER_SECRET"),),
        memory_request="128Mi",
        memory_limit="512Mi",
        cpu_request="200m",
    )
    subgraphs = [
        Part(
            name,
            ("serve", name, "--port", str(PORT)),
            SHARED_SUBGRAPH_SECRETS + SUBGRAPH_SECRETS.get(name, ()),
            mounts_jwks=name == "users",
            extra_egress_ports=PROVIDER_PORTS,
        )
        for name in subgraph_names
    ]
    return [router, *subgraphs]


def labels(part: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": "lifegraph", "app.kubernetes.io/component": part}


def meta(name: str, part: str, **extra: Any) -> Manifest:
    return {"name": name, "labels": {**labels(part), **PART_OF}, **extra}


def env(part: Part) -> list[Manifest]:
    variables: list[Manifest] = [
        {
            "name": key.env,
            "valueFrom": {
                "secretKeyRef": {"name": SECRET, "key": key.env, "optional": key.optional}
            },
        }
        for key in part.secrets
    ]
    # Nothing may write beside the installed code: no byte-code caches.
    variables.append({"name": "PYTHONDONTWRITEBYTECODE", "value": "1"})
    if part.mounts_jwks:
        variables.append(
            {"name": "LIFEGRAPH_JWT_PRIVATE_JWKS_FILE", "value": "/run/secrets/jwks/jwks.json"}
        )
    return variables


def _hardened() -> Manifest:
    """The container security context every LifeGraph container runs with."""
    return {
        "runAsNonRoot": True,
        "runAsUser": UID,
        "runAsGroup": UID,
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "privileged": False,
        "capabilities": {"drop": ["ALL"]},
    }


def _pod_security() -> Manifest:
    return {
        "runAsNonRoot": True,
        "runAsUser": UID,
        "runAsGroup": UID,
        "fsGroup": UID,
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def index_container(args: list[str]) -> Manifest:
    """`lifegraph indexes ...`: it reads the database settings and no other secret."""
    return {
        "name": INDEXES,
        "image": "lifegraph",
        "imagePullPolicy": "IfNotPresent",
        "args": [INDEXES, *args],
        "envFrom": [{"configMapRef": {"name": CONFIG}}],
        "env": [
            {
                "name": MONGODB_URL.env,
                "valueFrom": {"secretKeyRef": {"name": SECRET, "key": MONGODB_URL.env}},
            },
            {"name": "PYTHONDONTWRITEBYTECODE", "value": "1"},
        ],
        "resources": {
            "requests": {"cpu": "50m", "memory": "96Mi"},
            "limits": {"cpu": "500m", "memory": "256Mi"},
        },
        "securityContext": _hardened(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],  # noqa: S108 - an emptyDir
    }


def container(part: Part) -> Manifest:
    mounts: list[Manifest] = [{"name": "tmp", "mountPath": "/tmp"}]  # noqa: S108 - an emptyDir, per pod
    if part.name == ROUTER:
        mounts.append({"name": "supergraph", "mountPath": "/config", "readOnly": True})
    if part.mounts_jwks:
        mounts.append({"name": "jwks", "mountPath": "/run/secrets/jwks", "readOnly": True})
    return {
        "name": part.name,
        "image": "lifegraph",
        "imagePullPolicy": "IfNotPresent",
        "args": list(part.args),
        "ports": [{"name": "http", "containerPort": PORT}],
        "envFrom": [{"configMapRef": {"name": CONFIG}}],
        "env": env(part),
        # /health is ready only when the database and the broker answer (subgraphs,
        # common/app.py) or the supergraph is loaded (router): traffic stops, the pod
        # stays. Liveness asks only that the server accepts connections, so an engine
        # outage never restarts every pod at once.
        "readinessProbe": {
            "httpGet": {"path": "/health", "port": "http"},
            "periodSeconds": 5,
            "timeoutSeconds": 3,
            "failureThreshold": 2,
        },
        "livenessProbe": {
            "tcpSocket": {"port": "http"},
            "periodSeconds": 10,
            "timeoutSeconds": 3,
            "failureThreshold": 6,
        },
        "startupProbe": {
            "tcpSocket": {"port": "http"},
            "periodSeconds": 2,
            "failureThreshold": 60,
        },
        # The endpoints controller needs a moment to take the pod out of the Service.
        "lifecycle": {"preStop": {"exec": {"command": ["sleep", str(DRAIN_SECONDS)]}}},
        "resources": {
            "requests": {"cpu": part.cpu_request, "memory": part.memory_request},
            "limits": {"cpu": part.cpu_limit, "memory": part.memory_limit},
        },
        "securityContext": _hardened(),
        "volumeMounts": mounts,
    }


def volumes(part: Part) -> list[Manifest]:
    found: list[Manifest] = [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}]
    if part.name == ROUTER:
        found.append({"name": "supergraph", "configMap": {"name": "lifegraph-supergraph"}})
    if part.mounts_jwks:
        found.append({"name": "jwks", "secret": {"secretName": JWKS_SECRET}})
    return found


def spread(part: str) -> list[Manifest]:
    selector = {"matchLabels": labels(part)}
    return [
        {
            "maxSkew": 1,
            "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": selector,
        },
        {
            "maxSkew": 1,
            "topologyKey": "kubernetes.io/hostname",
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": selector,
        },
    ]


# checkov's findings on the Deployments that stay, each with its reason (docs/deployment.md).
ACCEPTED_FINDINGS = {
    "CKV_K8S_15": "pull policy IfNotPresent: the overlay pins the image, so Always only adds a "
    "registry round-trip to every start",
    "CKV_K8S_35": "settings are read from the environment (common/settings.py); only the "
    "private JWK Set has a file setting, and it is mounted as a file",
    "CKV_K8S_43": "the digest is known only when the image is built: pin it in your overlay's "
    "images (digest)",
}


def accepted_findings() -> dict[str, str]:
    """checkov's `skipN` annotations for ACCEPTED_FINDINGS, on every workload."""
    return {
        f"checkov.io/skip{i}": f"{check}={reason}"
        for i, (check, reason) in enumerate(ACCEPTED_FINDINGS.items(), start=1)
    }


def deployment(part: Part) -> Manifest:
    skips = accepted_findings()
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(part.name, part.name, annotations=skips),
        "spec": {
            "replicas": 2,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": labels(part.name)},
            "strategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1},
            },
            "template": {
                "metadata": {
                    "labels": {**labels(part.name), **PART_OF},
                    "annotations": {
                        "prometheus.io/scrape": "true",
                        "prometheus.io/port": str(PORT),
                        "prometheus.io/path": "/metrics",
                    },
                },
                "spec": {
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "terminationGracePeriodSeconds": GRACE_SECONDS,
                    "securityContext": _pod_security(),
                    "topologySpreadConstraints": spread(part.name),
                    # A subgraph serves only once its database has this release's indexes.
                    **(
                        {}
                        if part.name == ROUTER
                        else {
                            "initContainers": [
                                index_container(
                                    ["--check", "--wait", str(INDEX_WAIT_SECONDS), part.name]
                                )
                            ]
                        }
                    ),
                    "containers": [container(part)],
                    "volumes": volumes(part),
                },
            },
        },
    }


def service(part: Part) -> Manifest:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(part.name, part.name),
        "spec": {
            "selector": labels(part.name),
            "ports": [{"name": "http", "port": PORT, "targetPort": "http"}],
        },
    }


def autoscaler(part: Part) -> Manifest:
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": meta(part.name, part.name),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": part.name},
            "minReplicas": 2,
            "maxReplicas": 10,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {
                        "name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": 70},
                    },
                }
            ],
        },
    }


def disruption_budget(part: Part) -> Manifest:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": meta(part.name, part.name),
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": labels(part.name)}},
    }


def _ports(numbers: Iterable[int]) -> list[Manifest]:
    return [{"protocol": "TCP", "port": n} for n in numbers]


def _from_namespace(name: str) -> Manifest:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}


def network_policy(part: Part, subgraph_names: list[str]) -> Manifest:
    scrape = {"from": [_from_namespace(MONITORING_NAMESPACE)], "ports": _ports([PORT])}
    if part.name == ROUTER:
        callers: list[Manifest] = [_from_namespace(INGRESS_NAMESPACE)]
    else:
        callers = [{"podSelector": {"matchLabels": labels(ROUTER)}}]
        if part.mounts_jwks:
            # Every part verifies tokens against the users subgraph's public keys.
            callers = [{"podSelector": {"matchLabels": PART_OF}}]
    dns = {
        "to": [{"namespaceSelector": {}}],
        "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
    }
    jwks = {"to": [{"podSelector": {"matchLabels": labels("users")}}], "ports": _ports([PORT])}
    egress: list[Manifest] = [dns, jwks]
    if part.name == ROUTER:
        egress.append(
            {
                "to": [{"podSelector": {"matchLabels": labels(name)}} for name in subgraph_names],
                "ports": _ports([PORT]),
            }
        )
        egress.append({"to": [{"namespaceSelector": {}}], "ports": _ports(REDIS_PORTS)})
        egress.append(
            {"to": [_from_namespace(MONITORING_NAMESPACE)], "ports": _ports([OTLP_HTTP_PORT])}
        )
    else:
        engines = (MONGODB_PORT, AMQP_PORT, *REDIS_PORTS)
        egress.append({"to": [{"namespaceSelector": {}}], "ports": _ports(engines)})
    if part.extra_egress_ports:
        outside = {"ipBlock": {"cidr": "0.0.0.0/0", "except": list(PRIVATE_RANGES)}}
        egress.append({"to": [outside], "ports": _ports(part.extra_egress_ports)})
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(part.name, part.name),
        "spec": {
            "podSelector": {"matchLabels": labels(part.name)},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": [{"from": callers, "ports": _ports([PORT])}, scrape],
            "egress": egress,
        },
    }


def index_job() -> Manifest:
    """Builds every subgraph's indexes once per release (named by it: a Job is immutable)."""
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta(
            f"lifegraph-indexes-{IMAGE_TAG}", INDEXES, annotations=accepted_findings()
        ),
        "spec": {
            "backoffLimit": 10,
            "ttlSecondsAfterFinished": 7 * 24 * 3600,
            "template": {
                "metadata": {"labels": {**labels(INDEXES), **PART_OF}},
                "spec": {
                    "restartPolicy": "OnFailure",
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "securityContext": _pod_security(),
                    "containers": [index_container([])],
                    "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "16Mi"}}],
                },
            },
        },
    }


def index_network_policy() -> Manifest:
    """The index Job talks to MongoDB (and DNS), nothing else; nothing talks to it."""
    dns = {
        "to": [{"namespaceSelector": {}}],
        "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
    }
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(INDEXES, INDEXES),
        "spec": {
            "podSelector": {"matchLabels": labels(INDEXES)},
            "policyTypes": ["Ingress", "Egress"],
            "egress": [dns, {"to": [{"namespaceSelector": {}}], "ports": _ports([MONGODB_PORT])}],
        },
    }


def default_deny() -> Manifest:
    """Whatever a part's own policy does not allow is refused, for every LifeGraph pod."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": "lifegraph-default-deny", "labels": PART_OF},
        "spec": {"podSelector": {"matchLabels": PART_OF}, "policyTypes": ["Ingress", "Egress"]},
    }


def ingress(public_prefixes: Iterable[str]) -> Manifest:
    """Only the router's client paths are public: not /metrics, not /health."""
    backend = {"service": {"name": ROUTER, "port": {"name": "http"}}}
    paths = ["/graphql", "/graphiql/", *public_prefixes]
    seconds = str(SOCKET_TIMEOUT_SECONDS)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {
            "name": "lifegraph",
            "labels": PART_OF,
            "annotations": {
                # ingress-nginx upgrades WebSockets on any path; these keep them open.
                "nginx.ingress.kubernetes.io/proxy-read-timeout": seconds,
                "nginx.ingress.kubernetes.io/proxy-send-timeout": seconds,
                "nginx.ingress.kubernetes.io/proxy-body-size": "1m",
                "nginx.ingress.kubernetes.io/ssl-redirect": "true",
            },
        },
        "spec": {
            "ingressClassName": "nginx",
            "tls": [{"hosts": ["api.example.com"], "secretName": "lifegraph-tls"}],
            "rules": [
                {
                    "host": "api.example.com",
                    "http": {
                        "paths": [
                            {"path": path, "pathType": "Prefix", "backend": backend}
                            for path in paths
                        ]
                    },
                }
            ],
        },
    }


_JOIN_GRAPH = re.compile(r'(@join__graph\(name: "(?P<name>[^"]+)", url: ")[^"]*(")')


def in_cluster(supergraph: str) -> str:
    """The supergraph with each subgraph's URL replaced by its Service's."""
    return _JOIN_GRAPH.sub(lambda m: f"{m[1]}http://{m['name']}:{PORT}/graphql{m[3]}", supergraph)


def base_kustomization(part_names: list[str]) -> Manifest:
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "labels": [{"pairs": PART_OF}],
        "resources": [
            "network.yaml",
            "ingress.yaml",
            f"{INDEXES}.yaml",
            *(f"{name}.yaml" for name in part_names),
        ],
        # Generated names carry a content hash: a changed supergraph or setting
        # rolls the pods that read it.
        "configMapGenerator": [
            {"name": "lifegraph-supergraph", "files": ["supergraph.graphql"]},
            {"name": CONFIG, "literals": [f"{k}={v}" for k, v in SHARED_CONFIG.items()]},
        ],
    }


def overlay(
    namespace: str, *, replicas: int, max_replicas: int, host: str, engines: bool = False
) -> Manifest:
    """An overlay; with `engines`, the engines' operator resources come with it (production:
    `kubectl apply -k` creates all of LifeGraph once the operators are installed)."""

    def patch(kind: str, ops: list[Manifest]) -> Manifest:
        return {
            "target": {"kind": kind, "labelSelector": "app.kubernetes.io/part-of=lifegraph"},
            "patch": yaml.safe_dump(ops, sort_keys=False),
        }

    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": namespace,
        "resources": ["../../base", *(["../../engines"] if engines else [])],
        "images": [
            {"name": "lifegraph", "newName": "registry.example.com/lifegraph", "newTag": IMAGE_TAG}
        ],
        "configMapGenerator": [
            {
                "name": CONFIG,
                "behavior": "merge",
                "literals": [f"LIFEGRAPH_PUBLIC_BASE_URL=https://{host}"],
            }
        ],
        "patches": [
            patch("Deployment", [{"op": "replace", "path": "/spec/replicas", "value": replicas}]),
            patch(
                "HorizontalPodAutoscaler",
                [
                    {"op": "replace", "path": "/spec/minReplicas", "value": replicas},
                    {"op": "replace", "path": "/spec/maxReplicas", "value": max_replicas},
                ],
            ),
            {
                "target": {"kind": "Ingress", "name": "lifegraph"},
                "patch": yaml.safe_dump(
                    [
                        {"op": "replace", "path": "/spec/tls/0/hosts/0", "value": host},
                        {"op": "replace", "path": "/spec/rules/0/host", "value": host},
                    ],
                    sort_keys=False,
                ),
            },
        ],
    }


# The engines, run by their operators (docs/deployment.md "The engines"). Three members
# each: a majority (2) survives losing any one node or zone.
ENGINE_MEMBERS = 3
MONGODB_VERSION = "8.0.4"
MONGODB_USER = "lifegraph"


def mongodb() -> Manifest:
    """A replica set through the MongoDB Community Operator; its Service is `mongodb-svc`."""
    return {
        "apiVersion": "mongodbcommunity.mongodb.com/v1",
        "kind": "MongoDBCommunity",
        "metadata": {"name": "mongodb", "labels": PART_OF},
        "spec": {
            "type": "ReplicaSet",
            "members": ENGINE_MEMBERS,
            "version": MONGODB_VERSION,
            "security": {"authentication": {"modes": ["SCRAM"]}},
            "users": [
                {
                    "name": MONGODB_USER,
                    "db": "admin",
                    # Created by the operator, with a ready connection string in the
                    # Secret `mongodb-admin-lifegraph` (docs/deployment.md).
                    "passwordSecretRef": {"name": "lifegraph-mongodb-password"},
                    "scramCredentialsSecretName": "lifegraph-mongodb-scram",
                    # One database per subgraph, all named by LIFEGRAPH_DATABASE_PREFIX.
                    "roles": [{"name": "readWriteAnyDatabase", "db": "admin"}],
                }
            ],
            "additionalMongodConfig": {
                # Acknowledged writes are journaled (LifeGraph asks w: majority, j: true).
                "storage.journal.commitIntervalMs": 100,
            },
            "statefulSet": {
                "spec": {
                    "volumeClaimTemplates": [
                        {
                            "metadata": {"name": "data-volume"},
                            "spec": {
                                "accessModes": ["ReadWriteOnce"],
                                "resources": {"requests": {"storage": "50Gi"}},
                            },
                        }
                    ]
                }
            },
        },
    }


def rabbitmq() -> Manifest:
    """A cluster through the RabbitMQ Cluster Operator; its Service is `rabbitmq`."""
    return {
        "apiVersion": "rabbitmq.com/v1beta1",
        "kind": "RabbitmqCluster",
        "metadata": {"name": "rabbitmq", "labels": PART_OF},
        "spec": {
            "replicas": ENGINE_MEMBERS,
            "resources": {
                "requests": {"cpu": "500m", "memory": "1Gi"},
                "limits": {"cpu": "2", "memory": "2Gi"},
            },
            "rabbitmq": {
                # LifeGraph declares its consumer queues as quorum queues in production
                # (events_queue_type); this makes any other queue one too.
                "additionalConfig": "default_queue_type = quorum\n"
                "cluster_partition_handling = pause_minority\n",
            },
            "persistence": {"storage": "20Gi"},
            "override": {
                "statefulSet": {
                    "spec": {
                        "template": {
                            "spec": {
                                "containers": [],
                                "topologySpreadConstraints": [
                                    {
                                        "maxSkew": 1,
                                        "topologyKey": "topology.kubernetes.io/zone",
                                        "whenUnsatisfiable": "ScheduleAnyway",
                                        "labelSelector": {
                                            "matchLabels": {"app.kubernetes.io/name": "rabbitmq"}
                                        },
                                    }
                                ],
                            }
                        }
                    }
                }
            },
        },
    }


def engines_kustomization() -> Manifest:
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": "lifegraph",
        "resources": ["mongodb.yaml", "rabbitmq.yaml"],
    }


def service_monitor() -> Manifest:
    """Prometheus Operator scraping of every part's /metrics (the pods are also annotated)."""
    return {
        "apiVersion": "monitoring.coreos.com/v1",
        "kind": "ServiceMonitor",
        "metadata": {"name": "lifegraph", "labels": PART_OF},
        "spec": {
            "selector": {"matchLabels": {"app.kubernetes.io/name": "lifegraph"}},
            "endpoints": [{"port": "http", "path": "/metrics", "interval": "30s"}],
        },
    }


def monitoring_component() -> Manifest:
    return {
        "apiVersion": "kustomize.config.k8s.io/v1alpha1",
        "kind": "Component",
        "resources": ["servicemonitor.yaml"],
    }


# A fixed tag, the project's version: set your registry's tag or digest in an overlay.
IMAGE_TAG = "0.1.0"

HEADER = (
    "# Generated by `python -m scripts.k8s` from the subgraphs: edit scripts/k8s.py, not this.\n"
)


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (the overlays' patches) as readable `|` blocks."""


def _block(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _block)


def _dump(*documents: Manifest) -> str:
    dumped = (yaml.dump(d, Dumper=_Dumper, sort_keys=False) for d in documents)
    return HEADER + "---\n".join(dumped)


def package(
    subgraph_names: list[str], supergraph: str, public_prefixes: list[str]
) -> dict[str, str]:
    """Every file of docker/k8s/, by path relative to it."""
    all_parts = parts(subgraph_names)
    files = {
        "base/kustomization.yaml": _dump(base_kustomization([p.name for p in all_parts])),
        "base/supergraph.graphql": in_cluster(supergraph),
        "base/network.yaml": _dump(default_deny()),
        "base/ingress.yaml": _dump(ingress(public_prefixes)),
        f"base/{INDEXES}.yaml": _dump(index_job(), index_network_policy()),
        "overlays/dev/kustomization.yaml": _dump(
            overlay("lifegraph-dev", replicas=1, max_replicas=2, host="api.dev.example.com")
        ),
        "overlays/production/kustomization.yaml": _dump(
            overlay("lifegraph", replicas=3, max_replicas=20, host="api.example.com", engines=True)
        ),
    }
    files["engines/kustomization.yaml"] = _dump(engines_kustomization())
    files["engines/mongodb.yaml"] = _dump(mongodb())
    files["engines/rabbitmq.yaml"] = _dump(rabbitmq())
    files["components/monitoring/kustomization.yaml"] = _dump(monitoring_component())
    files["components/monitoring/servicemonitor.yaml"] = _dump(service_monitor())
    for part in all_parts:
        files[f"base/{part.name}.yaml"] = _dump(
            deployment(part),
            service(part),
            autoscaler(part),
            disruption_budget(part),
            network_policy(part, subgraph_names),
        )
    return files


def current_package() -> dict[str, str]:
    """The package for the subgraphs and supergraph in this checkout."""
    from lifegraph.discovery import discover_subgraphs
    from lifegraph.supergraph import public_routes

    definitions = discover_subgraphs()
    supergraph = SUPERGRAPH.read_text()
    prefixes = sorted(public_routes(definitions, supergraph))
    return package(list(definitions), supergraph, prefixes)


def stale(root: Path, files: Mapping[str, str]) -> list[str]:
    """Paths under root that differ from `files`, are missing, or should not be there."""
    present = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    wrong = [
        path
        for path, text in files.items()
        if not (root / path).is_file() or (root / path).read_text() != text
    ]
    return sorted(set(wrong) | (present - set(files)))


def write(root: Path, files: Mapping[str, str]) -> None:
    for path in stale(root, files):
        target = root / path
        if path in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(files[path])
        else:
            target.unlink()


def main(argv: list[str]) -> int:
    files = current_package()
    if "--check" in argv:
        drift = stale(PACKAGE, files)
        for path in drift:
            print(f"docker/k8s/{path} is stale: run python -m scripts.k8s", file=sys.stderr)
        return 1 if drift else 0
    write(PACKAGE, files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
