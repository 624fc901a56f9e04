package io.ctkit.retrain;

import io.ctkit.config.ConfigException;
import io.ctkit.config.ConfigNode;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code retrain:} of ctkit.yaml: how a retraining is started, how often at most, and on which
 * schedule. Secrets (the Jenkins API token, the webhook's HMAC key) are never in the file: the
 * settings name the environment variables that hold them.
 *
 * <pre>{@code
 * retrain:
 *   via: tekton            # local (default), tekton, jenkins or webhook
 *   cooldown: 6h           # at most one retraining per model in this time (default 6h)
 *   timeout: 12h           # a retraining pending or running longer is taken as dead (default 12h)
 *   schedule: "0 3 * * *"  # cron, for ctkit schedule
 *   tekton:  {namespace: ci, pipeline: ctkit-pipeline, service_account: ctkit, data: s3://bucket/train.csv}
 *   jenkins: {url: https://ci.example.com, job: ml/wine, user: ci-bot, token_env: JENKINS_API_TOKEN}
 *   webhook: {url: https://hooks.example.com/retrain, secret_env: CTKIT_WEBHOOK_SECRET}
 * }</pre>
 *
 * @param via the default way to start a retraining
 * @param schedule a five-field cron expression, or null
 * @param tekton the Tekton settings, or null when absent
 * @param jenkins the Jenkins settings, or null when absent
 * @param webhook the webhook settings, or null when absent
 */
public record RetrainSettings(String via, Duration cooldown, Duration timeout, String schedule, Tekton tekton,
        Jenkins jenkins, Webhook webhook) {

    /** The ways a retraining can be started. */
    public static final List<String> VIAS = List.of("local", "tekton", "jenkins", "webhook");

    /** The section as {@link PipelineFile#section} takes it. */
    public static final Section<RetrainSettings> SECTION = new RetrainSection();

    static final Duration DEFAULT_COOLDOWN = Duration.ofHours(6);
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(12);
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,\\-A-Za-z?()]+");

    /**
     * Tekton: the Pipeline a PipelineRun references, where, and the data location passed to it.
     *
     * @param image the CLI image the CronJob runs (default {@code ctkit/cli:<ctkit version>})
     */
    public record Tekton(String namespace, String pipeline, String serviceAccount, String data, String image) {
    }

    /**
     * Jenkins: the job started with {@code buildWithParameters}, and who starts it.
     *
     * @param job the job's full name, folders separated by {@code /} ({@code ml/wine})
     * @param tokenEnv the environment variable holding the user's API token
     */
    public record Jenkins(URI url, String job, String user, String tokenEnv) {
    }

    /** A webhook: where the signed JSON goes, and the variable holding the HMAC key. */
    public record Webhook(URI url, String secretEnv) {
    }

    /** The settings of a project without a {@code retrain:} section: local, 6h cooldown. */
    public static RetrainSettings defaults() {
        return new RetrainSettings("local", DEFAULT_COOLDOWN, DEFAULT_TIMEOUT, null, null, null, null);
    }

    /** Whether {@code text} is a five-field cron expression (minute hour day-of-month month day-of-week). */
    public static boolean isCron(String text) {
        String[] fields = text.trim().split("\\s+");
        return fields.length == 5 && List.of(fields).stream().allMatch(f -> CRON_FIELD.matcher(f).matches());
    }

    /** Reads {@code retrain:} strictly. */
    public static final class RetrainSection implements Section<RetrainSettings> {
        @Override
        public String key() {
            return "retrain";
        }

        @Override
        public RetrainSettings read(ConfigNode node, PipelineFile project) {
            node.requireObject(Set.of("via", "cooldown", "timeout", "schedule", "tekton", "jenkins", "webhook"));
            String via = node.optional("via").map(v -> v.choice(VIAS)).orElse("local");
            Duration cooldown = node.optional("cooldown").map(ConfigNode::duration).orElse(DEFAULT_COOLDOWN);
            Duration timeout = node.optional("timeout").map(ConfigNode::duration).orElse(DEFAULT_TIMEOUT);
            String schedule = node.optional("schedule").map(RetrainSection::cron).orElse(null);
            Tekton tekton = node.optional("tekton").map(RetrainSection::tekton).orElse(null);
            Jenkins jenkins = node.optional("jenkins").map(RetrainSection::jenkins).orElse(null);
            Webhook webhook = node.optional("webhook").map(RetrainSection::webhook).orElse(null);
            RetrainSettings settings = new RetrainSettings(via, cooldown, timeout, schedule, tekton, jenkins, webhook);
            if (!via.equals("local") && settings.missing(via)) {
                throw node.error("via", "is " + via + ", but there is no retrain." + via + " section; add one ("
                        + example(via) + ")");
            }
            return settings;
        }

        @Override
        public RetrainSettings absent(PipelineFile project) {
            return defaults();
        }


        private static String cron(ConfigNode node) {
            String text = node.string().trim();
            if (!isCron(text)) {
                throw node.error("expected a cron expression of five fields (minute hour day-of-month month"
                        + " day-of-week), e.g. \"0 3 * * *\" for 03:00 every day; got \"" + text + "\"");
            }
            return text;
        }

        private static Tekton tekton(ConfigNode node) {
            node.requireObject(Set.of("namespace", "pipeline", "service_account", "data", "image"));
            String namespace = node.optional("namespace").map(RetrainSection::dnsName).orElse("default");
            String pipeline = dnsName(node.required("pipeline"));
            String account = node.optional("service_account").map(RetrainSection::dnsName).orElse(null);
            String data = node.optional("data").map(ConfigNode::string).orElse(null);
            String image = node.optional("image").map(ConfigNode::string).orElse(null);
            return new Tekton(namespace, pipeline, account, data, image);
        }

        private static Jenkins jenkins(ConfigNode node) {
            node.requireObject(Set.of("url", "job", "user", "token_env"));
            URI url = httpUrl(node.required("url"));
            String job = node.required("job").string();
            for (String part : job.split("/", -1)) {
                if (part.isEmpty()) {
                    throw node.error("job", "\"" + job + "\" has an empty part; write the job's full name with"
                            + " folders separated by single slashes, e.g. ml/wine-retrain");
                }
            }
            return new Jenkins(url, job, node.required("user").string(), envName(node.required("token_env")));
        }

        private static Webhook webhook(ConfigNode node) {
            node.requireObject(Set.of("url", "secret_env"));
            return new Webhook(httpUrl(node.required("url")), envName(node.required("secret_env")));
        }

        private static String dnsName(ConfigNode node) {
            String s = node.string();
            if (!s.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw node.error("\"" + s + "\" is not a Kubernetes name (lower-case letters, digits and -, at most 63)");
            }
            return s;
        }

        private static URI httpUrl(ConfigNode node) {
            String s = node.string();
            try {
                URI uri = new URI(s);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below, with the expected form
            }
            throw node.error("expected an http:// or https:// URL, got \"" + s + "\"");
        }

        private static String envName(ConfigNode node) {
            String s = node.string();
            if (!s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw node.error("expected the name of an environment variable (the secret itself never goes in"
                        + " ctkit.yaml), got \"" + s + "\"");
            }
            return s;
        }

        private static String example(String via) {
            return switch (via) {
                case "tekton" -> "tekton: {pipeline: ctkit-pipeline}";
                case "jenkins" -> "jenkins: {url: https://ci.example.com, job: ml/wine, user: ci-bot,"
                        + " token_env: JENKINS_API_TOKEN}";
                default -> "webhook: {url: https://hooks.example.com/retrain, secret_env: CTKIT_WEBHOOK_SECRET}";
            };
        }
    }

    /**
     * These settings, when they hold what {@code --via kind} needs.
     *
     * @throws ConfigException naming {@code retrain.<kind>} of the project's file, with an example
     */
    public RetrainSettings require(String kind, PipelineFile project) {
        if (missing(kind)) {
            throw new ConfigException(project.file().toString(), "retrain." + kind, "missing; --via " + kind
                    + " needs it, e.g. " + RetrainSection.example(kind));
        }
        return this;
    }

    private boolean missing(String kind) {
        return switch (kind) {
            case "tekton" -> tekton == null;
            case "jenkins" -> jenkins == null;
            case "webhook" -> webhook == null;
            default -> false;
        };
    }
}
