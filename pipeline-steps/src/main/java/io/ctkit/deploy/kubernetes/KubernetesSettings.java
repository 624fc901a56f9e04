package io.ctkit.deploy.kubernetes;

import io.ctkit.config.ConfigNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code kubernetes:} map of ctkit.yaml's {@code deploy:} section: where and how the
 * {@link KubernetesTarget} runs a model. Every field has a default ({@link #defaults()}).
 *
 * @param namespace       the namespace; empty: the kubeconfig context's namespace (or {@code default})
 * @param name            the Deployment and Service name; empty: the model's name
 * @param replicas        a fixed count, or a range that a HorizontalPodAutoscaler works in
 * @param resources       CPU and memory requests and limits of the scoring container
 * @param targetCpuUtilization the autoscaler's target, in percent of the CPU request
 * @param logVolumeClaim  a PersistentVolumeClaim for the prediction log; empty: no log
 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param serviceType     {@code ClusterIP}, {@code NodePort} or {@code LoadBalancer}
 * @param servicePort     the Service's port (the container listens on 8080)
 * @param rolloutTimeout  how long DeployStep waits for a rollout (candidate and promotion each)
 */
public record KubernetesSettings(Optional<String> namespace, Optional<String> name, Replicas replicas,
                                 Resources resources, int targetCpuUtilization, Optional<String> logVolumeClaim,
                                 String imagePullPolicy, String serviceType, int servicePort,
                                 Duration rolloutTimeout) {

    /** Longest Deployment name: {@code <name>-candidate} must still be a valid 63-character label. */
    static final int MAX_NAME = 63 - "-candidate".length();
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUANTITY =
            Pattern.compile("\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?");
    private static final List<String> PULL_POLICIES = List.of("IfNotPresent", "Always", "Never");
    private static final List<String> SERVICE_TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer");

    /** Pod count: fixed ({@code min == max}, no autoscaler) or a range for a HorizontalPodAutoscaler. */
    public record Replicas(int min, int max, boolean autoscaled) {
        public Replicas {
            if (min < 1 || max < min || (!autoscaled && min != max)) {
                throw new IllegalArgumentException("replicas must be 1 or more, min at most max: " + min + ".." + max);
            }
        }

        /** A fixed count. */
        public static Replicas fixed(int count) {
            return new Replicas(count, count, false);
        }
    }

    /**
     * Kubernetes quantities ({@code 250m}, {@code 512Mi}); an empty limit is no limit.
     * Default: requests 250m CPU and 512Mi memory, a 512Mi memory limit and no CPU limit (a CPU
     * limit throttles the JVM's threads; the request is what the scheduler and the autoscaler use).
     */
    public record Resources(String cpuRequest, String memoryRequest, Optional<String> cpuLimit,
                            Optional<String> memoryLimit) {
        static Resources defaults() {
            return new Resources("250m", "512Mi", Optional.empty(), Optional.of("512Mi"));
        }
    }

    /** The settings used when ctkit.yaml has no {@code kubernetes:} map. */
    public static KubernetesSettings defaults() {
        return new KubernetesSettings(Optional.empty(), Optional.empty(), Replicas.fixed(2), Resources.defaults(),
                70, Optional.empty(), "IfNotPresent", "ClusterIP", 80, Duration.ofMinutes(5));
    }

    /** Reads the {@code kubernetes:} map strictly: unknown keys and bad values are errors naming file, field and line. */
    public static KubernetesSettings read(ConfigNode node) {
        KubernetesSettings d = defaults();
        if (node.isMissing()) {
            return d;
        }
        node.requireObject(Set.of("namespace", "name", "replicas", "resources", "target_cpu_utilization",
                "log_volume_claim", "image_pull_policy", "service", "rollout_timeout"));
        Optional<String> namespace = node.optional("namespace").map(n -> dnsLabel(n, 63));
        Optional<String> name = node.optional("name").map(n -> dnsLabel(n, MAX_NAME));
        Replicas replicas = node.optional("replicas").map(KubernetesSettings::replicas).orElse(d.replicas());
        Resources resources = node.optional("resources").map(KubernetesSettings::resources).orElse(d.resources());
        int target = node.optional("target_cpu_utilization").map(n -> {
            int v = n.positiveInt();
            if (v > 100) {
                throw n.error("must be a percentage of the CPU request from 1 to 100, got " + v);
            }
            return v;
        }).orElse(d.targetCpuUtilization());
        if (node.has("target_cpu_utilization") && !replicas.autoscaled()) {
            throw node.error("target_cpu_utilization", "only applies to an autoscaled deployment; write replicas as"
                    + " {min: 2, max: 10} or remove target_cpu_utilization");
        }
        Optional<String> claim = node.optional("log_volume_claim").map(n -> dnsSubdomain(n));
        String pull = node.optional("image_pull_policy").map(n -> n.choice(PULL_POLICIES)).orElse(d.imagePullPolicy());
        String serviceType = d.serviceType();
        int servicePort = d.servicePort();
        if (node.has("service")) {
            ConfigNode service = node.get("service").requireObject(Set.of("type", "port"));
            serviceType = service.optional("type").map(n -> n.choice(SERVICE_TYPES)).orElse(serviceType);
            servicePort = service.optional("port").map(KubernetesSettings::port).orElse(servicePort);
        }
        Duration timeout = node.optional("rollout_timeout").map(ConfigNode::duration).orElse(d.rolloutTimeout());
        return new KubernetesSettings(namespace, name, replicas, resources, target, claim, pull, serviceType,
                servicePort, timeout);
    }

    private static Replicas replicas(ConfigNode node) {
        if (node.raw().isNumber()) {
            return Replicas.fixed(node.positiveInt());
        }
        node.requireObject(Set.of("min", "max"));
        int min = node.required("min").positiveInt();
        int max = node.required("max").positiveInt();
        if (max < min) {
            throw node.error("max", "must be at least min (" + min + "), got " + max);
        }
        return new Replicas(min, max, true);
    }

    private static Resources resources(ConfigNode node) {
        node.requireObject(Set.of("requests", "limits"));
        Resources d = Resources.defaults();
        String cpuRequest = d.cpuRequest();
        String memoryRequest = d.memoryRequest();
        Optional<String> cpuLimit = d.cpuLimit();
        Optional<String> memoryLimit = d.memoryLimit();
        if (node.has("requests")) {
            ConfigNode requests = node.get("requests").requireObject(Set.of("cpu", "memory"));
            cpuRequest = requests.optional("cpu").map(KubernetesSettings::quantity).orElse(cpuRequest);
            memoryRequest = requests.optional("memory").map(KubernetesSettings::quantity).orElse(memoryRequest);
        }
        if (node.has("limits")) {
            ConfigNode limits = node.get("limits").requireObject(Set.of("cpu", "memory"));
            cpuLimit = limits.optional("cpu").map(KubernetesSettings::quantity).or(d::cpuLimit);
            memoryLimit = limits.optional("memory").map(KubernetesSettings::quantity).or(d::memoryLimit);
            atLeast(limits, "cpu", cpuLimit, cpuRequest);
            atLeast(limits, "memory", memoryLimit, memoryRequest);
        } else if (memoryLimit.isPresent() && amount(memoryLimit.get()).compareTo(amount(memoryRequest)) < 0) {
            memoryLimit = Optional.of(memoryRequest); // a larger request lifts the default limit with it
        }
        return new Resources(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
    }

    private static void atLeast(ConfigNode limits, String key, Optional<String> limit, String request) {
        if (limit.isPresent() && amount(limit.get()).compareTo(amount(request)) < 0) {
            throw limits.error(key, "the limit " + limit.get() + " is below the request " + request
                    + "; Kubernetes refuses such a pod: raise the limit or lower resources.requests." + key);
        }
    }

    private static java.math.BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }

    private static String quantity(ConfigNode node) {
        String v = node.raw().isNumber() ? node.raw().asText() : node.string();
        if (!QUANTITY.matcher(v).matches()) {
            throw node.error("must be a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi, got \"" + v + "\"");
        }
        return v;
    }

    private static int port(ConfigNode node) {
        int port = node.positiveInt();
        if (port > 65535) {
            throw node.error("must be a port from 1 to 65535, got " + port);
        }
        return port;
    }

    private static String dnsLabel(ConfigNode node, int max) {
        String v = node.string();
        if (v.length() > max || !DNS_LABEL.matcher(v).matches()) {
            throw node.error("must be a DNS label of at most " + max + " characters (lower-case letters, digits"
                    + " and '-', starting with a letter, ending with a letter or digit), got \"" + v + "\"");
        }
        return v;
    }

    private static String dnsSubdomain(ConfigNode node) {
        String v = node.string();
        if (v.length() > 253 || !v.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
            throw node.error("must be the name of a PersistentVolumeClaim (lower-case letters, digits, '-' and"
                    + " '.'), got \"" + v + "\"");
        }
        return v;
    }

    /** Whether {@code name} can name the Deployment (see {@link #MAX_NAME}). */
    static boolean validName(String name) {
        return name.length() <= MAX_NAME && DNS_LABEL.matcher(name).matches();
    }
}
