"""Checks the deployment files: every manifest in docker/k8s parses (PyYAML) and holds what
the service needs, and docker/Dockerfile and .dockerignore agree with them. Docker and
Kubernetes are not run.

    manifests_test.py REPO_ROOT [NEWSALIGN_SERVER [NEWSALIGN_CLIENT]]

With NEWSALIGN_SERVER, the server is also started with the Deployment's args (on 127.0.0.1:0)
to check that it accepts them. When the binaries are linked as the image's are (environment
NEWSALIGN_LINKED_AS_IMAGE=1: a build that links gRPC, Protobuf and Abseil from their static
archives, as the image's Release build does; a sanitizer build loads their shared libraries
instead), the shared libraries they load must come from the Debian packages the image's
runtime stage installs (or their dependencies), and each package it installs must be one of
those the binaries load.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import unittest
import urllib.request

import yaml

ROOT = pathlib.Path(sys.argv[1])
SERVER = sys.argv[2] if len(sys.argv) > 2 else None
CLIENT = sys.argv[3] if len(sys.argv) > 3 else None
LINKED_AS_IMAGE = os.environ.get("NEWSALIGN_LINKED_AS_IMAGE") == "1"
K8S = ROOT / "docker" / "k8s"
HEALTH_PORT = 50051
# Where the server serves Prometheus metrics (server/metrics.h).
METRICS_PATH = "/metrics"
# The server's memory is about --workers x (--max_call_memory_mib + a request) + --queue_mib
# (its --queue_mib help), plus this much for the process itself, its lexicons and gRPC (40 MB
# idle and 137 MB after large calls, README "Memory per call").
BASELINE_MIB = 140


def load_manifests():
    """Returns {kind: [document, ...]} of every YAML document under docker/k8s."""
    by_kind = {}
    files = sorted(K8S.glob("*.yaml"))
    assert files, f"no manifests in {K8S}"
    for path in files:
        with open(path, encoding="utf-8") as f:
            for document in yaml.safe_load_all(f):
                if document is not None:
                    by_kind.setdefault(document.get("kind"), []).append(document)
    return by_kind


def mebibytes(quantity):
    """Returns a Kubernetes memory quantity ("2348Mi", "2Gi") in MiB."""
    match = re.fullmatch(r"([0-9]+)(Mi|Gi)", str(quantity))
    assert match, f"memory {quantity!r} is not in Mi or Gi"
    return int(match.group(1)) * (1024 if match.group(2) == "Gi" else 1)


def flag(args, name, default):
    """Returns the value of --name=VALUE in a container's args, or default."""
    values = [a.split("=", 1)[1] for a in args if a.startswith(f"--{name}=")]
    return values[-1] if values else default


def host_port(address):
    """Returns (host, port) of "HOST:PORT" or "[IPV6]:PORT"."""
    match = re.fullmatch(r"(\[[^\]]*\]|[^:\[\]]*):([0-9]+)", address)
    assert match, f"{address!r} is not HOST:PORT"
    return match.group(1), int(match.group(2))


def metrics_port(container):
    """Returns the port of the container's --metrics_listen, or None when it serves none."""
    listen = flag(container.get("args", []), "metrics_listen", None)
    return host_port(listen)[1] if listen else None


class Manifests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.by_kind = load_manifests()
        cls.deployment = cls.by_kind["Deployment"][0]
        cls.pod = cls.deployment["spec"]["template"]["spec"]
        cls.container = cls.pod["containers"][0]
        cls.labels = cls.deployment["spec"]["template"]["metadata"]["labels"]

    def test_one_of_each_kind_with_its_api_version(self):
        expected = {"Deployment": "apps/v1", "Service": "v1",
                    "HorizontalPodAutoscaler": "autoscaling/v2",
                    "PodDisruptionBudget": "policy/v1"}
        for kind, api_version in expected.items():
            with self.subTest(kind=kind):
                self.assertEqual(len(self.by_kind.get(kind, [])), 1)
                self.assertEqual(self.by_kind[kind][0]["apiVersion"], api_version)
                self.assertTrue(self.by_kind[kind][0]["metadata"]["name"])

    def test_deployment_selects_its_own_pods(self):
        selector = self.deployment["spec"]["selector"]["matchLabels"]
        self.assertTrue(selector)
        self.assertLessEqual(selector.items(), self.labels.items())

    def test_probes_are_grpc_on_the_health_port(self):
        ports = {p["containerPort"] for p in self.container["ports"]}
        self.assertIn(HEALTH_PORT, ports)
        for probe_name in ("livenessProbe", "readinessProbe"):
            with self.subTest(probe=probe_name):
                probe = self.container[probe_name]
                self.assertEqual(probe["grpc"]["port"], HEALTH_PORT)
                self.assertIn(probe["grpc"].get("service", ""),
                              ("", "newsalign.v1.AlignmentService"))
                for other in ("httpGet", "tcpSocket", "exec"):
                    self.assertNotIn(other, probe)

    def test_runs_as_non_root_on_a_read_only_root(self):
        pod = self.pod.get("securityContext", {})
        container = self.container.get("securityContext", {})
        self.assertIs(container.get("runAsNonRoot", pod.get("runAsNonRoot")), True)
        self.assertNotEqual(container.get("runAsUser", pod.get("runAsUser")), 0)
        self.assertIs(container.get("readOnlyRootFilesystem"), True)
        self.assertIs(container.get("allowPrivilegeEscalation"), False)
        self.assertIn("ALL", container.get("capabilities", {}).get("drop", []))

    def test_resources_fit_the_workers_and_the_memory_budget(self):
        resources = self.container["resources"]
        args = self.container.get("args", [])
        workers = int(flag(args, "workers", "0"))
        budget = int(flag(args, "max_call_memory_mib", "1024"))
        request = int(flag(args, "max_request_bytes", str(16 << 20))) / (1 << 20)
        queue = int(flag(args, "queue_mib", "256"))
        cpus = float(resources["limits"]["cpu"])
        # Left at 0 the server would start one worker per CPU of the node.
        self.assertEqual(workers, cpus, "--workers must match the CPU limit")
        self.assertGreater(budget, 0, "--max_call_memory_mib=0 leaves memory unbounded")
        self.assertGreater(queue, 0, "--queue_mib=0 leaves the queue's memory unbounded")
        for side in ("requests", "limits"):
            with self.subTest(side=side):
                self.assertGreaterEqual(mebibytes(resources[side]["memory"]),
                                        workers * (budget + request) + queue + BASELINE_MIB)
                self.assertIn("cpu", resources[side])

    def test_metrics_are_served_on_every_interface_on_a_named_port(self):
        listen = flag(self.container.get("args", []), "metrics_listen", None)
        self.assertIsNotNone(listen, "no --metrics_listen: the pods serve no metrics")
        host, port = host_port(listen)
        # Prometheus scrapes the pod's address; a loopback listener would be out of its reach.
        self.assertIn(host, ("0.0.0.0", "[::]"))
        self.assertNotEqual(port, HEALTH_PORT)
        named = {p.get("name"): p for p in self.container["ports"]}
        self.assertIn("metrics", named)
        self.assertEqual(named["metrics"]["containerPort"], port)
        self.assertEqual(named["metrics"].get("protocol", "TCP"), "TCP")

    def test_pods_carry_the_prometheus_scrape_annotations(self):
        # On the pod template: Prometheus' pod discovery reads the pods' annotations, not the
        # Deployment's.
        annotations = self.deployment["spec"]["template"]["metadata"].get("annotations", {})
        self.assertEqual(annotations.get("prometheus.io/scrape"), "true")
        self.assertEqual(annotations.get("prometheus.io/port"), str(metrics_port(self.container)))
        self.assertEqual(annotations.get("prometheus.io/path"), METRICS_PATH)
        for key, value in annotations.items():
            with self.subTest(annotation=key):
                # Kubernetes refuses a manifest whose annotation is a YAML number or boolean.
                self.assertIsInstance(value, str)

    @unittest.skipUnless(SERVER, "no newsalign-server given")
    def test_server_accepts_the_args(self):
        args = self.container.get("args", [])
        # The Deployment's own addresses would bind ports of this machine: loopback and free
        # ports instead (the last --flag wins).
        server = subprocess.Popen(
            [SERVER, *args, "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
             "--drain_seconds=0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            metrics_line = server.stdout.readline()
            metrics = re.fullmatch(r"metrics on (http://127\.0\.0\.1:[0-9]+/metrics)\n",
                                   metrics_line)
            body = ""
            if metrics:
                with urllib.request.urlopen(metrics.group(1), timeout=20) as response:
                    body = response.read().decode("utf-8")
        finally:
            server.terminate()
            _, err = server.communicate(timeout=20)
        self.assertRegex(line, r"^listening on 127\.0\.0\.1:[0-9]+$", err)
        self.assertTrue(metrics, f"no metrics address printed: {metrics_line!r} {err}")
        self.assertIn("# TYPE newsalign_alignments_running gauge", body)
        self.assertEqual(server.returncode, 0, err)

    def test_termination_waits_for_the_orderly_shutdown(self):
        args = self.container.get("args", [])
        needed = int(flag(args, "drain_seconds", "5")) + int(
            flag(args, "shutdown_grace_seconds", "10"))
        self.assertGreater(self.pod.get("terminationGracePeriodSeconds", 30), needed)

    def test_service_is_headless_over_the_pods(self):
        service = self.by_kind["Service"][0]["spec"]
        self.assertEqual(service.get("clusterIP"), "None")
        self.assertTrue(service["selector"])
        self.assertLessEqual(service["selector"].items(), self.labels.items())
        port = service["ports"][0]
        self.assertEqual(port["port"], HEALTH_PORT)
        target = port.get("targetPort", port["port"])
        named = {p.get("name"): p["containerPort"] for p in self.container["ports"]}
        self.assertEqual(named.get(target, target), HEALTH_PORT)

    def test_service_names_the_metrics_port(self):
        # For a ServiceMonitor (Prometheus Operator), which picks endpoints by port name.
        ports = {p.get("name"): p for p in self.by_kind["Service"][0]["spec"]["ports"]}
        self.assertIn("metrics", ports)
        port = ports["metrics"]
        named = {p.get("name"): p["containerPort"] for p in self.container["ports"]}
        target = port.get("targetPort", port["port"])
        self.assertEqual(named.get(target, target), metrics_port(self.container))
        self.assertEqual(port.get("appProtocol"), "http")

    def test_autoscaler_targets_the_deployment_on_cpu(self):
        spec = self.by_kind["HorizontalPodAutoscaler"][0]["spec"]
        self.assertEqual(spec["scaleTargetRef"], {
            "apiVersion": "apps/v1", "kind": "Deployment",
            "name": self.deployment["metadata"]["name"]})
        self.assertLessEqual(spec.get("minReplicas", 1), spec["maxReplicas"])
        cpu = [m for m in spec["metrics"]
               if m["type"] == "Resource" and m["resource"]["name"] == "cpu"]
        self.assertEqual(len(cpu), 1)
        self.assertEqual(cpu[0]["resource"]["target"]["type"], "Utilization")
        self.assertTrue(0 < cpu[0]["resource"]["target"]["averageUtilization"] <= 100)

    def test_disruption_budget_selects_the_deployments_pods(self):
        spec = self.by_kind["PodDisruptionBudget"][0]["spec"]
        selector = spec["selector"]["matchLabels"]
        self.assertTrue(selector)
        self.assertLessEqual(selector.items(), self.labels.items())
        # minAvailable at or above the fewest replicas would block every node drain.
        hpa = self.by_kind["HorizontalPodAutoscaler"][0]["spec"]
        self.assertLess(spec["minAvailable"], hpa.get("minReplicas", 1))


class Image(unittest.TestCase):
    def test_dockerfile_listens_exposes_and_checks_health_on_the_port(self):
        dockerfile = (ROOT / "docker" / "Dockerfile").read_text(encoding="utf-8")
        self.assertIn(f"--listen=0.0.0.0:{HEALTH_PORT}", dockerfile)
        self.assertRegex(dockerfile, rf"(?m)^EXPOSE {HEALTH_PORT}$")
        self.assertRegex(dockerfile, r"(?m)^USER nobody$")
        self.assertRegex(
            dockerfile, r'(?m)^HEALTHCHECK .*\\\n\s+CMD \["/usr/local/bin/newsalign", "health", '
                        rf'"--server=127\.0\.0\.1:{HEALTH_PORT}"\]$')

    def test_dockerfile_exposes_the_metrics_port_of_the_deployment(self):
        dockerfile = (ROOT / "docker" / "Dockerfile").read_text(encoding="utf-8")
        container = load_manifests()["Deployment"][0]["spec"]["template"]["spec"]["containers"][0]
        port = metrics_port(container)
        self.assertIsNotNone(port)
        self.assertRegex(dockerfile, rf"(?m)^EXPOSE {port}$")

    def runtime_packages(self):
        """The packages the Dockerfile's runtime stage installs."""
        dockerfile = (ROOT / "docker" / "Dockerfile").read_text(encoding="utf-8")
        runtime = dockerfile.rsplit("\nFROM ", 1)[1]
        install = re.search(r"apt-get install ((?:[^&]|\\\n)*?)&&", runtime)
        self.assertTrue(install, "the runtime stage installs no package")
        return [w for w in install.group(1).split() if not w.startswith("-") and w != "\\"]

    def loaded_libraries(self):
        """The Debian package of each shared library the binaries load, by library path, and
        the binary that loads it."""
        needed = {}  # library path (as dpkg knows it) -> the binary that loads it
        for binary in filter(None, (SERVER, CLIENT)):
            ldd = subprocess.run(["ldd", binary], capture_output=True, text=True,
                                 check=True).stdout
            for path in re.findall(r"=> (/\S+)", ldd):
                # Debian 12 merges /lib into /usr/lib; dpkg knows one of the two paths (the
                # /usr one for most packages, the /lib one for a few such as zlib1g).
                for known in {path, re.sub(r"^/lib/", "/usr/lib/", path)}:
                    needed.setdefault(known, pathlib.Path(binary).name)
        self.assertTrue(needed)
        # One dpkg call for all ("package:arch: path" lines; a library built here has none).
        owners = subprocess.run(["dpkg", "-S", *needed], capture_output=True, text=True).stdout
        loaded = []  # (package, library path, binary)
        for line in owners.splitlines():
            package, path = line.split(": ", 1)
            loaded.append((package.split(":", 1)[0], path, needed.get(path)))
        return loaded

    @unittest.skipUnless(SERVER and LINKED_AS_IMAGE and shutil.which("dpkg") and
                         shutil.which("apt-cache"),
                         "no binaries, not linked as the image's, or not on Debian")
    def test_runtime_stage_installs_every_library_the_binaries_load(self):
        listed = self.runtime_packages()
        # What apt installs with them (the libraries of gRPC's own dependencies, libc, ...).
        depends = subprocess.run(
            ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
             "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *listed],
            capture_output=True, text=True, check=True).stdout
        installed = {line for line in depends.splitlines() if line and not line[0].isspace()}
        for package, path, binary in self.loaded_libraries():
            with self.subTest(binary=binary, library=path):
                self.assertIn(package, installed,
                              f"add {package} to the runtime stage of docker/Dockerfile")

    @unittest.skipUnless(SERVER and LINKED_AS_IMAGE and shutil.which("dpkg"),
                         "no binaries, not linked as the image's, or not on Debian")
    def test_runtime_stage_installs_only_libraries_the_binaries_load(self):
        loaded = {package for package, _, _ in self.loaded_libraries()}
        for package in self.runtime_packages():
            with self.subTest(package=package):
                self.assertIn(package, loaded,
                              f"the binaries load no library of {package}: drop it from the "
                              "runtime stage of docker/Dockerfile")

    def test_dockerignore_leaves_out_build_folders_and_git(self):
        lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        for pattern in ("build*/", ".git"):
            self.assertIn(pattern, lines)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
