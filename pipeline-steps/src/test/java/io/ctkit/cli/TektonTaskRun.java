package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code docker run} command that runs a Task of tekton/ the way Tekton runs its (single) step:
 * the step's script, as written, by {@code /bin/sh} in the step's image as the step's
 * {@code runAsUser}; the TaskRun's params (those given, else the Task's defaults) substituted into
 * the step's env; {@code $(workspaces.x.path)} as {@code /workspace/x}, where the workspaces
 * directory is mounted; {@code $(results.x.path)} as {@code /tekton/results/x}, a directory of
 * this TaskRun's own.
 */
final class TektonTaskRun {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\((params|workspaces|results)\\.([A-Za-z0-9_-]+)(\\.path|\\.bound)?\\)");

    private final String name;
    private final Task task;

    private TektonTaskRun(String name, Task task) {
        this.name = name;
        this.task = task;
    }

    /** The Task ctkit-STEP of tekton/task/ under the repository root. */
    static TektonTaskRun load(Path root, String step) throws IOException {
        Path file = root.resolve("tekton/task/ctkit-" + step + "/0.1/ctkit-" + step + ".yaml");
        return new TektonTaskRun("ctkit-" + step, Serialization.unmarshal(Files.readString(file), Task.class));
    }

    String name() {
        return name;
    }

    /**
     * The command: {@code image} must be the step's image; {@code workspaces} holds one directory per
     * workspace; {@code results} is this run's results directory. Fails, as Tekton rejects the
     * TaskRun, when a param without default is not given or a given one is not declared.
     */
    List<String> command(String image, Path workspaces, Path results, Map<String, String> given) {
        assertThat(task.getSpec().getSteps()).as("%s has one step", name).hasSize(1);
        Step step = task.getSpec().getSteps().get(0);
        Map<String, String> params = params(given);
        assertThat(substitute(step.getImage(), params, workspaces)).as("%s's step image is the image this version"
                + " builds", name).isEqualTo(image);
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm",
                "--user", String.valueOf(step.getSecurityContext().getRunAsUser()),
                "-v", workspaces + ":/workspace", "-v", results + ":/tekton/results"));
        for (var env : step.getEnv()) {
            command.addAll(List.of("-e", env.getName() + "=" + substitute(env.getValue(), params, workspaces)));
        }
        command.addAll(List.of("--entrypoint", "sh", image, "-c", substitute(step.getScript(), params, workspaces)));
        return command;
    }

    private Map<String, String> params(Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        TreeSet<String> declared = new TreeSet<>();
        for (ParamSpec spec : task.getSpec().getParams()) {
            declared.add(spec.getName());
            if (given.containsKey(spec.getName())) {
                values.put(spec.getName(), given.get(spec.getName()));
            } else {
                assertThat(spec.getDefault()).as("%s: param %s has no default and is not given", name, spec.getName())
                        .isNotNull();
                values.put(spec.getName(), spec.getDefault().getStringVal());
            }
        }
        assertThat(declared).as("%s declares the params given", name).containsAll(given.keySet());
        return values;
    }

    private String substitute(String text, Map<String, String> params, Path workspaces) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "params" -> params.get(m.group(2));
                case "workspaces" -> ".bound".equals(m.group(3))
                        ? String.valueOf(Files.isDirectory(workspaces.resolve(m.group(2))))
                        : "/workspace/" + m.group(2);
                default -> "/tekton/results/" + m.group(2);
            };
            assertThat(value).as("%s: %s resolves", name, m.group()).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
