package io.ctkit.registry;

import io.ctkit.gate.GateCheck;
import io.ctkit.gate.GateVerdict;
import io.ctkit.provenance.Provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.bundle.Bundle;
import io.ctkit.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * Registration: everything that can fail on the caller's input (names, the bundle, reports) is
 * checked and every blob is stored before the one database transaction that makes the version
 * visible. A crash at any point therefore leaves either no version or a complete one; at worst
 * some blobs that nothing refers to.
 */
final class Registrar {

    private final Database db;
    private final BlobStore blobs;

    Registrar(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    ModelVersion register(Registration r) throws IOException {
        Names.model(r.model());
        Names.text("description", r.description());
        if (r.actor() == null || r.actor().isBlank()) {
            throw new RegistryException("a registration needs an actor (who registers)");
        }
        Names.text("actor", r.actor());
        for (Entry<String, String> t : r.tags().entrySet()) {
            Names.key("tag name", t.getKey());
            Names.text("tag " + t.getKey(), t.getValue());
        }
        if (r.run() != null) {
            RunStore.validate(r.run());
        } else if (r.runId() != null) {
            Names.key("run id", r.runId());
        }
        Bundle bundle = Bundle.open(r.bundle());
        // A bundle that verifies but does not compile is no model; refuse it before it gets a number.
        Model.from(bundle);
        List<BundleFile> files = new ArrayList<>();
        for (String path : bundle.files()) {
            byte[] content = bundle.bytes(path);
            files.add(new BundleFile(path, blobs.put(content), content.length));
        }
        byte[] manifest = bundle.manifestBytes();
        files.add(new BundleFile("MANIFEST.json", blobs.put(manifest), manifest.length));
        // The exact MANIFEST.sig that was checked, from a directory or a tar alike.
        if (bundle.signatureFile().isPresent()) {
            byte[] sig = bundle.signatureFile().get();
            files.add(new BundleFile("MANIFEST.sig", blobs.put(sig), sig.length));
        }

        Instant now = Instant.now();
        List<Report> reports = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, MetricEstimate> metrics = Map.of();
        if (r.metrics() != null) {
            byte[] content = read(r.metrics(), "metrics report");
            metrics = MetricsReport.parse(content, r.metrics().toString());
            reports.add(report(r.metrics(), "metrics", content, "{\"metrics\":" + metrics.size() + "}", names, now));
        }
        GateVerdict verdict = null;
        String verdictSha = null;
        if (r.gateVerdict() != null) {
            byte[] content = read(r.gateVerdict(), "gate verdict");
            verdict = verdict(content, r.gateVerdict().toString());
            try {
                verdict.requireFor(bundle.digest(), "the bundle being registered", r.gateVerdict().toString());
            } catch (IllegalArgumentException e) {
                throw new RegistryException(e.getMessage());
            }
            Report rep = report(r.gateVerdict(), "gate", content, summary(verdict), names, now);
            verdictSha = rep.sha256();
            reports.add(rep);
        }
        for (Path p : testReportFiles(r.testReports())) {
            byte[] content = read(p, "test report");
            reports.add(report(p, "tests", content, TestEvidence.parse(content, p.toString()).toJson(), names, now));
        }
        if (r.provenance() != null) {
            Provenance p = r.provenance();
            String summary = Json.MAPPER.createObjectNode().put("data", p.data().size())
                    .put("config_hash", p.configHash()).put("code", p.codeVersionText()).toString();
            reports.add(report(PROVENANCE, PROVENANCE, p.toBytes(), summary, names, now));
        }
        for (Entry<String, Path> e : r.reports().entrySet()) {
            reports.add(report(e.getKey(), "report", read(e.getValue(), "report " + e.getKey()), "{}", names, now));
        }
        VersionStore.Prepared prepared = new VersionStore.Prepared(r.model(), bundle.digest(), files, metrics, reports,
                verdict, verdictSha, r);
        String runId = r.producingRun();
        int version = db.write(c -> {
            if (r.run() != null) {
                RunStore.merge(c, r.run());
            } else if (runId != null && !RunStore.exists(c, runId)) {
                throw new NotFoundException("no run with id \"" + runId + "\" in the registry; record the run first,"
                        + " or register with the run itself");
            }
            int n = VersionStore.insert(c, prepared, now);
            if (runId != null) {
                RunStore.step(c, runId, Step.of("register", "succeeded").withTimes(now, Instant.now())
                        .withDetails(r.model() + ":" + n).withOutputs(List.of(new Artifact("bundle", "model",
                                "registry:" + r.model() + ":" + n, bundle.digest(), Map.of()))));
            }
            return n;
        });
        return db.read(c -> VersionStore.version(c, r.model(), version).orElseThrow());
    }

    RecordedVerdict recordVerdict(String model, int version, Path file, String runId) throws IOException {
        Names.model(model);
        byte[] content = read(file, "gate verdict");
        GateVerdict verdict = verdict(content, file.toString());
        Instant now = Instant.now();
        Report rep = report(file, "gate", content, summary(verdict), new HashSet<>(), now);
        return db.write(c -> {
            existing(c, model, version);
            try {
                verdict.requireFor(VersionStore.version(c, model, version).orElseThrow().bundleDigest(),
                        model + ":" + version, file.toString());
            } catch (IllegalArgumentException e) {
                throw new RegistryException(e.getMessage());
            }
            Report named = unique(c, model, version, rep);
            VersionStore.insertReport(c, model, version, named);
            VersionStore.insertVerdict(c, model, version, rep.sha256(), verdict, runId, now);
            return new RecordedVerdict(rep.sha256(), verdict.passed(), verdict.firstRun(), runId, now);
        });
    }

    Report recordTestReport(String model, int version, Path file) throws IOException {
        Names.model(model);
        byte[] content = read(file, "test report");
        Report rep = report(file, "tests", content, TestEvidence.parse(content, file.toString()).toJson(),
                new HashSet<>(), Instant.now());
        return db.write(c -> {
            existing(c, model, version);
            Report named = unique(c, model, version, rep);
            VersionStore.insertReport(c, model, version, named);
            return named;
        });
    }

    Report recordMonitorReport(String model, int version, Path file) throws IOException {
        Names.model(model);
        byte[] content = read(file, "monitor report");
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(content);
        } catch (IOException e) {
            throw new RegistryException("monitor report " + file + ": not JSON: " + e.getMessage());
        }
        if (root == null || !io.ctkit.monitor.MonitorStep.FORMAT.equals(root.path("format").asText())) {
            throw new RegistryException("monitor report " + file + ": not a monitor report (format "
                    + io.ctkit.monitor.MonitorStep.FORMAT + "); give the --out of ctkit monitor");
        }
        ObjectNode summary = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        summary.put("decision", root.path("decision").asText());
        summary.set("reasons", root.path("reasons"));
        summary.put("window_rows", root.path("window").path("rows").asInt());
        summary.put("labelled_rows", root.path("window").path("labelled_rows").asInt());
        Report rep = report(file, "monitor", content, summary.toString(), new HashSet<>(), Instant.now());
        return db.write(c -> {
            existing(c, model, version);
            Report named = unique(c, model, version, rep);
            VersionStore.insertReport(c, model, version, named);
            return named;
        });
    }

    private static void existing(java.sql.Connection c, String model, int version)
            throws java.sql.SQLException, RegistryException {
        VersionStore.lockModel(c, model);
        if (VersionStore.version(c, model, version).isEmpty()) {
            throw new NotFoundException(AliasStore.unknownVersion(c, model, version));
        }
    }

    /** The report under a name not yet used by the version: {@code gate.json}, {@code gate.json.2}... */
    private static Report unique(java.sql.Connection c, String model, int version, Report rep)
            throws java.sql.SQLException, RegistryException {
        Set<String> taken = new HashSet<>();
        for (Report r : VersionStore.reports(c, model, version)) {
            taken.add(r.name());
        }
        String name = rep.name();
        for (int i = 2; taken.contains(name); i++) {
            name = rep.name() + "." + i;
        }
        return new Report(name, rep.kind(), rep.sha256(), rep.size(), rep.summary(), rep.recordedAt());
    }

    private Report report(Path file, String kind, byte[] content, String summary, Set<String> names, Instant now)
            throws IOException {
        Path name = file.getFileName();
        return report(name == null ? kind : name.toString(), kind, content, summary, names, now);
    }

    private Report report(String name, String kind, byte[] content, String summary, Set<String> names, Instant now)
            throws IOException {
        Names.key("report name", name);
        if (!names.add(name)) {
            throw new RegistryException("two reports are named " + name + "; give them different names");
        }
        return new Report(name, kind, blobs.put(content), content.length, summary, now);
    }

    /** The report files, a directory (Surefire's reports directory) standing for its TEST-*.xml files. */
    private static List<Path> testReportFiles(List<Path> given) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (var listing = Files.newDirectoryStream(p, "TEST-*.xml")) {
                List<Path> found = new ArrayList<>();
                listing.forEach(found::add);
                if (found.isEmpty()) {
                    throw new RegistryException("test reports " + p + ": the directory holds no TEST-*.xml files");
                }
                found.sort(null);
                files.addAll(found);
            }
        }
        return files;
    }

    private static byte[] read(Path file, String what) throws RegistryException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RegistryException(what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new RegistryException(what + " " + file + ": cannot be read: " + e, e);
        }
    }

    /** The name and kind of the report that holds a version's provenance. */
    static final String PROVENANCE = "provenance";

    /** The verdict file read with the type that writes it; a malformed one is a registry error naming the file. */
    private static GateVerdict verdict(byte[] content, String source) throws RegistryException {
        try {
            return GateVerdict.parse(content, source);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(e.getMessage());
        }
    }

    static String summary(GateVerdict v) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("passed", v.passed()).put("first_run", v.firstRun());
        ArrayNode checks = node.putArray("checks");
        for (GateCheck c : v.checks()) {
            ObjectNode n = checks.addObject().put("name", c.name()).put("passed", c.passed());
            if (c.metric() != null) {
                n.put("metric", c.metric());
            }
            if (c.message() != null) {
                n.put("message", c.message());
            }
        }
        return node.toString();
    }
}
