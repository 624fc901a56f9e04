package io.ctkit.registry;

import io.ctkit.provenance.Provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a version came from: its bundle, the run that made it (data fingerprints and locations,
 * config, code and pipeline versions, settings, steps) and the evidence kept with it.
 *
 * @param run the producing run, or null when the version was registered without one
 * @param provenance the bundle's provenance stored with the version, or null when none was given
 */
public record Lineage(ModelVersion version, List<BundleFile> files, Run run, Map<String, MetricEstimate> metrics,
        List<RecordedVerdict> verdicts, List<Report> reports, List<Image> images, List<Deployment> deployments,
        Provenance provenance) {

    public Lineage {
        files = List.copyOf(files);
        metrics = Map.copyOf(metrics);
        verdicts = List.copyOf(verdicts);
        reports = List.copyOf(reports);
        images = List.copyOf(images);
        deployments = List.copyOf(deployments);
    }

    /** This lineage with the version's provenance. */
    public Lineage withProvenance(Provenance p) {
        return new Lineage(version, files, run, metrics, verdicts, reports, images, deployments, p);
    }

    /** The lineage as a tree of text lines, the version at the root. */
    public String render() {
        Node root = new Node(version.reference() + "  bundle " + version.bundleDigest()
                + (version.aliases().isEmpty() ? "" : "  [" + String.join(", ", version.aliases()) + "]"));
        root.add("registered " + version.createdAt() + " by " + version.createdBy());
        Node bundle = root.add("bundle: " + files.size() + " files");
        for (BundleFile f : files) {
            bundle.add(f.path() + "  sha256:" + f.sha256() + "  " + f.size() + " bytes");
        }
        if (provenance != null) {
            Node p = root.add("provenance");
            for (String line : provenance.render("").split("\n")) {
                if (!line.isEmpty()) {
                    p.add(line);
                }
            }
        }
        if (run == null) {
            root.add("run: none recorded (registered without a run; data, config and code are unknown)");
        } else {
            Node r = root.add("run " + run.id() + "  " + run.status() + (run.pipeline() == null ? "" : "  pipeline "
                    + run.pipeline()) + "  started " + run.startedAt());
            r.add("trigger: " + run.trigger());
            r.add("code version: " + orUnknown(run.codeVersion()));
            r.add("pipeline version: " + orUnknown(run.pipelineVersion()));
            List<Artifact> configs = run.inputs("config");
            if (configs.isEmpty()) {
                r.add("config: unknown");
            }
            for (Artifact a : configs) {
                r.add("config: " + describe(a));
            }
            Node data = r.add("data: " + run.inputs("dataset").size() + " dataset(s)");
            for (Artifact a : run.inputs("dataset")) {
                data.add(a.role() + ": " + describe(a));
            }
            for (Artifact a : run.inputs()) {
                if (!a.kind().equals("config") && !a.kind().equals("dataset")) {
                    r.add(a.kind() + " " + a.role() + ": " + describe(a));
                }
            }
            settings(r, "parameters", run.parameters());
            settings(r, "hyperparameters", run.hyperparameters());
            if (!run.steps().isEmpty()) {
                Node steps = r.add("steps");
                for (Step s : run.steps()) {
                    Node n = steps.add(s.name() + ": " + s.status() + (s.details() == null ? "" : " (" + s.details() + ")"));
                    s.inputs().forEach(a -> n.add("in  " + a.kind() + " " + a.role() + ": " + describe(a)));
                    s.outputs().forEach(a -> n.add("out " + a.kind() + " " + a.role() + ": " + describe(a)));
                }
            }
        }
        if (!metrics.isEmpty()) {
            Node m = root.add("metrics");
            metrics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> m.add(e.getKey() + " = " + e.getValue().display()));
        }
        for (RecordedVerdict v : verdicts) {
            root.add("gate: " + (v.passed() ? "passed" : "failed") + (v.firstRun() ? " (first run, no champion)" : "")
                    + "  sha256:" + v.sha256());
        }
        for (Report rep : reports) {
            if (!rep.kind().equals("gate")) {
                root.add("report " + rep.name() + " (" + rep.kind() + ")  sha256:" + rep.sha256()
                        + (rep.summary().equals("{}") ? "" : "  " + rep.summary()));
            }
        }
        images.forEach(i -> root.add("image " + i.reference() + "@" + i.digest()));
        deployments.forEach(d -> root.add("deployed to " + d.target() + " at " + d.deployedAt() + " by " + d.actor()));
        StringBuilder out = new StringBuilder(root.label).append('\n');
        root.print(out, "");
        return out.toString();
    }

    private static void settings(Node parent, String title, Map<String, String> values) {
        if (!values.isEmpty()) {
            Node n = parent.add(title);
            values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> n.add(e.getKey() + " = " + e.getValue()));
        }
    }

    private static String describe(Artifact a) {
        String where = a.location() == null ? "(no location)" : a.location();
        return where + (a.digest() == null ? "" : "  " + a.digest());
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }

    private static final class Node {
        final String label;
        final List<Node> children = new ArrayList<>();

        Node(String label) {
            this.label = label;
        }

        Node add(String text) {
            Node n = new Node(text);
            children.add(n);
            return n;
        }

        void print(StringBuilder out, String indent) {
            for (int i = 0; i < children.size(); i++) {
                boolean last = i == children.size() - 1;
                Node child = children.get(i);
                out.append(indent).append(last ? "└── " : "├── ").append(child.label).append('\n');
                child.print(out, indent + (last ? "    " : "│   "));
            }
        }
    }
}
