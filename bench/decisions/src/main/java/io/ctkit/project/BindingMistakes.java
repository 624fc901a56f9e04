package io.ctkit.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Realistic mistakes in examples/marketing-forecast/ctkit.yaml, each read by (1) ctkit today
 * (PipelineFile.load, then the gate, validation and register sections as `ctkit run` checks them
 * before any stage), (2) Jackson alone: the strictest mapper into {@link JacksonPipeline} records,
 * its own message, (3) the same with {@link JacksonErrors} formatting. Scores each message: does it
 * name the file, the full field path, the bad value, the fix, a "did you mean"?
 */
public final class BindingMistakes {

    /** One edit of the example file and what a good message must contain. */
    record Mistake(String what, String find, String replace, String path, String value, List<String> fix,
            boolean suggestion, boolean semantic) {
    }

    record Result(String message, boolean accepted) {
    }

    static final Path EXAMPLE = Path.of(System.getProperty("ctkit.example", "../../examples/marketing-forecast/ctkit.yaml"));

    static List<Mistake> mistakes() {
        List<Mistake> m = new ArrayList<>();
        m.add(new Mistake("misspelt key", "  batch_size: 64", "  batchsize: 64", "training.batchsize", null,
                List.of("batch_size"), true, false));
        m.add(new Mistake("unknown section", "register:", "deploy_to: prod\nregister:", "deploy_to", null,
                List.of("expected one of", "known keys"), false, false));
        m.add(new Mistake("misspelt key in a list item", "{name: spend, transform: standardize}",
                "{name: spend, transfrom: standardize}", "features[4].transfrom", null, List.of("transform"), true, false));
        m.add(new Mistake("misspelt key in the gate", "{metric: r2, min: 0.8}", "{metric: r2, mn: 0.8}",
                "gate.thresholds[0].mn", null, List.of("min"), true, false));
        m.add(new Mistake("misspelt key in validation.drift", "drift: {max_psi: 0.2}", "drift: {max_psi: 0.2, bin: 10}",
                "validation.drift.bin", null, List.of("bins"), true, false));
        m.add(new Mistake("misspelt required key", "  holdout: data/holdout.csv", "  holdot: data/holdout.csv",
                "data.holdot", null, List.of("holdout"), true, false));
        m.add(new Mistake("misspelt required key in the gate", "{metric: r2, min: 0.8}", "{metrc: r2, min: 0.8}",
                "gate.thresholds[0].metrc", null, List.of("metric,", "metric "), true, false));
        m.add(new Mistake("string \"64\" for a number", "  batch_size: 64", "  batch_size: \"64\"", "training.batch_size",
                "\"64\"", List.of("integer"), false, false));
        m.add(new Mistake("float for an integer", "  batch_size: 64", "  batch_size: 64.5", "training.batch_size", "64.5",
                List.of("integer"), false, false));
        m.add(new Mistake("1e3 for an integer", "  bootstrap: 1000", "  bootstrap: 1e3", "evaluate.bootstrap", "1e3",
                List.of("integer"), false, false));
        m.add(new Mistake("zero batch size", "  batch_size: 64", "  batch_size: 0", "training.batch_size", "0",
                List.of("positive"), false, false));
        m.add(new Mistake("negative units", "{units: 32, activation: relu}", "{units: -3, activation: relu}",
                "model.hidden[0].units", "-3", List.of("positive"), false, false));
        m.add(new Mistake("string \"0.003\" for a number", "  learning_rate: 0.003", "  learning_rate: \"0.003\"",
                "training.learning_rate", "\"0.003\"", List.of("number"), false, false));
        m.add(new Mistake("learning rate 0", "  learning_rate: 0.003", "  learning_rate: 0", "training.learning_rate", "0",
                List.of("greater than 0"), false, false));
        m.add(new Mistake("learning rate .inf", "  learning_rate: 0.003", "  learning_rate: .inf", "training.learning_rate",
                ".inf", List.of("number"), false, false));
        m.add(new Mistake("seed overflows a long", "seed: 42", "seed: 99999999999999999999", "seed", "99999999999999999999",
                List.of("integer"), false, false));
        m.add(new Mistake("number for a string", "name: marketing-forecast", "name: 2024", "name", "2024",
                List.of("string"), false, false));
        m.add(new Mistake("null for a required field", "name: marketing-forecast", "name:", "name", null,
                List.of("required", "missing"), false, false));
        m.add(new Mistake("required field left out", "  holdout: data/holdout.csv", "  #holdout: data/holdout.csv",
                "data.holdout", null, List.of("required", "missing"), false, false));
        m.add(new Mistake("unknown enum value (short task)", "  task: regression", "  task: multiclass", "model.task",
                "multiclass", List.of("multiclass-classification"), false, false));
        m.add(new Mistake("enum in the wrong case", "  task: regression", "  task: Regression", "model.task", "Regression",
                List.of("regression,", "regression "), false, false));
        m.add(new Mistake("enum value not allowed here", "{units: 32, activation: relu}", "{units: 32, activation: softmax}",
                "model.hidden[0].activation", "softmax", List.of("relu"), false, false));
        m.add(new Mistake("unknown optimizer", "  optimizer: adam", "  optimizer: rmsprop", "training.optimizer", "rmsprop",
                List.of("adam"), false, false));
        m.add(new Mistake("YAML 1.1 boolean yes", "  plots: true", "  plots: yes", "evaluate.plots", "yes",
                List.of("true or false"), false, false));
        m.add(new Mistake("string \"true\" for a boolean", "  plots: true", "  plots: \"true\"", "evaluate.plots",
                "\"true\"", List.of("true or false"), false, false));
        m.add(new Mistake("1 for a boolean", "  plots: true", "  plots: 1", "evaluate.plots", "1", List.of("true or false"),
                false, false));
        m.add(new Mistake("numbers where strings are expected", "values: [search, social, email, display, video]",
                "values: [0, 1, 2]", "data.schema.columns[1].values[0]", "0", List.of("string", "quote"), false, false));
        m.add(new Mistake("yes/no category values (YAML booleans)", "values: [search, social, email, display, video]",
                "values: [yes, no]", "data.schema.columns[1].values[0]", "true", List.of("quote"), false, false));
        m.add(new Mistake("floats where strings are expected", "values: [search, social, email, display, video]",
                "values: [0.5, 1.5]", "data.schema.columns[1].values[0]", "0.5", List.of("string", "quote"), false, false));
        m.add(new Mistake("duplicate key", "  epochs: 150", "  epochs: 150\n  epochs: 200", "training.epochs", null,
                List.of("uplicate"), false, false));
        m.add(new Mistake("empty file", null, "", "", null, List.of("needs", "name"), false, false));
        m.add(new Mistake("file of comments only", null, "# ctkit.yaml\n", "", null, List.of("needs", "name"), false, false));
        m.add(new Mistake("list instead of a map", "  early_stopping: {patience: 15, validation_fraction: 0.15}",
                "  early_stopping: [15, 0.15]", "training.early_stopping", null, List.of("map"), false, false));
        m.add(new Mistake("map instead of a list", "  slices: [channel]", "  slices: {channel: true}", "evaluate.slices",
                null, List.of("list"), false, false));
        m.add(new Mistake("scalar instead of a map", "register:                        # a version that passed the gate "
                + "becomes production: the next run's champion\n  alias: production", "register: production", "register",
                "production", List.of("map"), false, false));
        m.add(new Mistake("fraction out of range", "validation_fraction: 0.15", "validation_fraction: 0.7",
                "training.early_stopping.validation_fraction", "0.7", List.of("at most 0.5"), false, false));
        m.add(new Mistake("unknown metric in the gate", "{metric: r2, min: 0.8}", "{metric: r_squared, min: 0.8}",
                "gate.thresholds[0].metric", "r_squared", List.of("rmse"), false, false));
        m.add(new Mistake("validation fraction above 1", "  max_missing_fraction: 0", "  max_missing_fraction: 1.5",
                "validation.max_missing_fraction", "1.5", List.of("between 0 and 1"), false, false));
        m.add(new Mistake("unknown column type", "type: number, min: 1, max: 53}", "type: nmber, min: 1, max: 53}",
                "data.schema.columns[3].type", "nmber", List.of("number, "), false, false));
        m.add(new Mistake("register alias not a name", "  alias: production", "  alias: Production!", "register.alias",
                "Production!", List.of("lower-case"), false, false));
        m.add(new Mistake("tab indentation", "  epochs: 150", "\tepochs: 150", "", null, List.of("line"), false, false));
        m.add(new Mistake("YAML 1.1 octal seed 042", "seed: 42", "seed: 042", "seed", "042", List.of("integer"), false,
                false));
        m.add(new Mistake("momentum with adam (cross-field)", "  optimizer: adam", "  optimizer: adam\n  momentum: 0.9",
                "training.momentum", null, List.of("sgd"), false, true));
        m.add(new Mistake("feature not in the schema (cross-section)", "{name: spend, transform: standardize}",
                "{name: spnd, transform: standardize}", "features[4].name", "spnd", List.of("schema"), false, true));
        return m;
    }

    public static void main(String[] args) throws Exception {
        String base = Files.readString(EXAMPLE);
        Path dir = Files.createTempDirectory("mistakes");
        Path file = dir.resolve("ctkit.yaml");
        YAMLMapper strict = StrictJackson.strict();
        // The unchanged example must bind with every binder, or the comparison means nothing.
        Files.writeString(file, base);
        System.out.println("<!-- unchanged example: current " + current(file).message() + "; jackson "
                + jackson(strict, file, false).message() + " -->");
        int n = 0;
        int[][] score = new int[3][8];
        System.out.println("| # | mistake | ctkit today | Jackson alone (strict mapper, records) | Jackson + formatter |");
        System.out.println("| --- | --- | --- | --- | --- |");
        List<String> scores = new ArrayList<>();
        for (Mistake m : mistakes()) {
            String text;
            if (m.find() == null) {
                text = m.replace();
            } else {
                if (!base.contains(m.find())) {
                    throw new IllegalStateException("not in the example: " + m.find());
                }
                text = base.replaceFirst(java.util.regex.Pattern.quote(m.find()),
                        java.util.regex.Matcher.quoteReplacement(m.replace()));
            }
            Files.writeString(file, text);
            Result[] r = {current(file), jackson(strict, file, false), jackson(strict, file, true)};
            n++;
            StringBuilder row = new StringBuilder("| " + n + " | " + m.what() + " `" + (m.find() == null ? m.replace()
                    .replace("\n", "\\n") : m.replace().replace("\n", "\\n").replace("\t", "\\t").trim()) + "` |");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%2d %-42s", n, m.what()));
            for (int k = 0; k < 3; k++) {
                String msg = r[k].message().replace(dir + "/", "").replace(dir.toString(), "");
                boolean[] s = score(m, r[k], msg);
                for (int j = 0; j < 8; j++) {
                    score[k][j] += s[j] ? 1 : 0;
                }
                row.append(" ").append(r[k].accepted() ? "**" + msg + "**" : cell(msg)).append(" ").append(marks(s))
                        .append(" |");
                line.append(" ").append(marks(s));
            }
            System.out.println(row);
            scores.add(line.toString());
        }
        System.out.println();
        System.out.println("Scores: refused / names the file / full path / bad value / fix / did-you-mean (where due)");
        String[] names = {"ctkit today", "Jackson alone", "Jackson + formatter"};
        long suggestionsDue = mistakes().stream().filter(Mistake::suggestion).count();
        long valuesDue = mistakes().stream().filter(x -> x.value() != null).count();
        long pathsDue = mistakes().stream().filter(x -> !x.path().isEmpty()).count();
        for (int k = 0; k < 3; k++) {
            System.out.printf("  %-20s refused %d/%d, file %d/%d, path %d/%d (+%d only as a Java reference chain), "
                    + "value %d/%d, fix %d/%d, did-you-mean %d/%d, a line number %d/%d%n", names[k], score[k][0], n,
                    score[k][1], n, score[k][2], pathsDue, score[k][6], score[k][3], valuesDue, score[k][4], n, score[k][5],
                    suggestionsDue, score[k][7], n);
        }
        System.out.println("\nper mistake (R=refused F=file P=path V=value X=fix D=did-you-mean p=path as Java reference chain L=line; . = no): "
                + "ctkit today | Jackson alone | Jackson + formatter");
        scores.forEach(System.out::println);
    }

    /**
     * ctkit today: {@code PipelineFile.load}, which reads every installed section (gate, validation,
     * register, evaluate, training) with the one strict reader, as {@code ctkit run} does before its
     * first stage.
     */
    static Result current(Path file) {
        try {
            PipelineFile p = PipelineFile.load(file);
            return new Result("accepted (seed " + p.seed() + ", plots "
                    + p.section(io.ctkit.run.EvaluateSection.SECTION).plots() + ")", true);
        } catch (Exception e) {
            return new Result(e.getMessage(), false);
        }
    }

    static Result jackson(YAMLMapper mapper, Path file, boolean formatted) {
        try {
            JacksonPipeline p = mapper.readValue(file.toFile(), JacksonPipeline.class);
            if (p == null) {
                return new Result("accepted as null (empty document)", true);
            }
            return new Result("accepted (seed " + p.seed() + ", plots " + (p.evaluate() == null ? null
                    : p.evaluate().plots()) + ")", true);
        } catch (JsonProcessingException e) {
            return new Result(formatted ? JacksonErrors.message(file.toString(), e, mapper, () -> {
                try {
                    return mapper.readTree(file.toFile());
                } catch (java.io.IOException again) {
                    return null;
                }
            }) : e.getMessage(), false);
        } catch (Exception e) {
            return new Result(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    /** refused, file, path, value, fix, did-you-mean, path only as a Java reference chain, line number */
    static boolean[] score(Mistake m, Result r, String msg) {
        if (r.accepted()) {
            return new boolean[8];
        }
        boolean file = msg.contains("ctkit.yaml");
        boolean path = !m.path().isEmpty() && msg.contains(m.path());
        boolean value = m.value() != null && msg.contains(m.value());
        boolean fix = m.fix().stream().anyMatch(msg::contains);
        boolean suggestion = m.suggestion() && msg.contains("did you mean");
        boolean chain = !path && !m.path().isEmpty() && chain(msg, m.path());
        boolean line = msg.matches("(?s).*line:? [0-9]+.*");
        return new boolean[] {true, file, path, value, fix, suggestion, chain, line};
    }

    /** Whether every segment of {@code path} appears, in order, in Jackson's reference chain ["a"]->...[0]. */
    static boolean chain(String msg, String path) {
        int at = msg.indexOf("reference chain");
        if (at < 0) {
            return false;
        }
        for (String seg : path.replace("[", ".[").split("\\.")) {
            String token = seg.startsWith("[") ? seg : "[\"" + seg + "\"]";
            at = msg.indexOf(token, at);
            if (at < 0) {
                return false;
            }
        }
        return true;
    }

    private static String marks(boolean[] s) {
        String letters = "RFPVXDpL";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(s[i] ? letters.charAt(i) : '.');
        }
        return b.toString();
    }

    private static String cell(String msg) {
        String one = msg.replace("\n", " ⏎ ").replace("|", "\\|");
        return one.length() > 260 ? one.substring(0, 257) + "..." : one;
    }
}
