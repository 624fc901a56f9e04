// Runs the ctkit CLI for the other ctkit* steps, and maps its exit codes to the build's result.
// Every flag of every verb is written in the one var of that verb; this file knows only how to start
// the CLI (in the ctkit/cli image or with bin/ctkit), the options all steps share, and the codes:
// 0 ok, 1 a check failed, 2 a usage or input error, 3 an internal error of ctkit.

/**
 * Runs one ctkit command line: {@code ctkitCli(args: ['models', 'list'])}.
 * Returns true when it exited 0, false when a check failed (exit 1, the build UNSTABLE); any other
 * code fails the build with the CLI's message.
 */
def call(Map config = [:]) {
    Map cfg = configure('ctkitCli', [
        args: null,     // required: the verb and its arguments, one list element per argument
    ], config)
    if (!(cfg.args instanceof List) || cfg.args.isEmpty()) {
        error("ctkitCli: 'args' must be a non-empty list, e.g. args: ['models', 'list']; got ${cfg.args}")
    }
    int status = execute(cfg, cfg.args.collect { it.toString() })
    if (status == 1) {
        checkFailed(cfg, "ctkitCli: ctkit ${cfg.args[0]}: a check failed (exit 1)")
    }
    return status == 0
}

/** The options every ctkit step takes, with their defaults. */
@NonCPS
Map defaults() {
    return [
        cliImage: null,            // the CLI image, e.g. 'ctkit/cli:0.1.0': the step runs inside it (docker.image(..).inside)
        dockerArgs: '',            // extra `docker run` arguments for that image (volumes, network, user)
        ctkit: 'bin/ctkit',        // the CLI without an image; inside the image it is `ctkit`
        registry: null,            // CTKIT_REGISTRY: a directory or a jdbc:postgresql: URL; null: the CLI's default
        registryBlobs: null,       // CTKIT_REGISTRY_BLOBS: the blob directory a jdbc:postgresql: registry needs
        onCheckFailure: 'UNSTABLE' // the build's result when a check fails (exit 1): 'UNSTABLE' or 'FAILURE'
    ]
}

/**
 * The step's defaults and the shared ones, overridden by the caller's config ({@code <<}). An unknown
 * key or a bad shared value stops the build with the step's name, the key and the fix.
 */
Map configure(String step, Map stepDefaults, Map config) {
    Map cfg = [:] << defaults() << stepDefaults
    String problem = unknownOption(step, cfg.keySet(), (config ?: [:]).keySet())
    if (problem) {
        error(problem)
    }
    cfg << config
    if (!(cfg.onCheckFailure in ['UNSTABLE', 'FAILURE'])) {
        error("${step}: onCheckFailure must be 'UNSTABLE' or 'FAILURE', got '${cfg.onCheckFailure}'")
    }
    return cfg
}

/** Fails the build with the step's name when a required option is missing. */
void require(String step, Map cfg, String key, String example) {
    if (cfg[key] == null || cfg[key].toString().trim().isEmpty()) {
        error("${step}: '${key}' is required, e.g. ${step}(${key}: ${example})")
    }
}

/** Only the shared options of a step's config, to pass on to another ctkit step. */
@NonCPS // calls only @NonCPS methods: a CPS method called from @NonCPS code does not return normally
Map shared(Map cfg) {
    return cfg.subMap(defaults().keySet())
}

/**
 * Runs {@code ctkit ARGS} and returns 0 or 1. Exit 2 (usage or input error), 3 (a ctkit bug) or any
 * other code fails the build with what the CLI wrote to stderr.
 */
int execute(Map cfg, List<String> args) {
    String stderr = ".ctkit-stderr-${args[0]}.txt"
    String command = (cfg.cliImage ? 'ctkit' : cfg.ctkit) + ' ' + args.collect { quote(it) }.join(' ')
    // stderr goes to a file for the failure message, and then to the log: returnStatus cannot capture it.
    String script = "${command} 2>${quote(stderr)}; status=\$?; cat ${quote(stderr)} >&2; exit \$status"
    List environment = []
    if (cfg.registry) {
        environment << "CTKIT_REGISTRY=${cfg.registry}"
    }
    if (cfg.registryBlobs) {
        environment << "CTKIT_REGISTRY_BLOBS=${cfg.registryBlobs}"
    }
    int status = -1
    Closure runIt = {
        withEnv(environment) {
            status = sh(returnStatus: true, script: script, label: "ctkit ${args[0]}")
        }
    }
    if (cfg.cliImage) {
        docker.image(cfg.cliImage).inside(cfg.dockerArgs ?: '') { runIt() }
    } else {
        runIt()
    }
    if (status == 0 || status == 1) {
        return status
    }
    String message = fileExists(stderr) ? readFile(stderr).trim() : ''
    String meaning = status == 2 ? 'usage or input error' : status == 3 ? 'internal error in ctkit' : 'the command failed'
    error("ctkit ${args[0]}: ${meaning} (exit ${status})" + (message ? ": ${message}" : ''))
}

/** A check failed (exit 1): the build becomes UNSTABLE and goes on, or FAILS here, as configured. */
void checkFailed(Map cfg, String message) {
    if (cfg.onCheckFailure == 'FAILURE') {
        error(message)
    }
    unstable(message)
}

/** The argument as one word for sh, whatever it holds. */
@NonCPS
String quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'"
}

/** The error for the first key of {@code given} not in {@code known}, with a "did you mean"; null when none. */
@NonCPS
String unknownOption(String step, Set known, Set given) {
    Object key = given.find { !known.contains(it) }
    if (key == null) {
        return null
    }
    String near = known.min { distance(key.toString(), it.toString()) }
    String hint = distance(key.toString(), near) <= 2 ? " (did you mean '${near}'?)" : ''
    return "${step}: unknown option '${key}'${hint}; expected one of ${known.sort().join(', ')}"
}

/** Levenshtein distance, for "did you mean". */
@NonCPS
int distance(String a, String b) {
    int[] previous = (0..b.length()) as int[]
    for (int i = 1; i <= a.length(); i++) {
        int[] current = new int[b.length() + 1]
        current[0] = i
        for (int j = 1; j <= b.length(); j++) {
            int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
            current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost)
        }
        previous = current
    }
    return previous[b.length()]
}
