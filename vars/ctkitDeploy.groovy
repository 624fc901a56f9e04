// Rolls a model version out with `ctkit deploy`: start beside the old one, smoke-test, switch.

/**
 * Deploys a registered version (or a bundle) to a target and archives the deploy report. Returns
 * true when the new version serves; false when a check failed (exit 1), and then the old version
 * keeps serving.
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitDeploy', [
        model: null,                       // required: 'name:version', 'name@alias' or a bundle directory
        target: 'local',                   // local, docker or kubernetes
        rollback: false,                   // true: move back to the version that served before
        dryRun: false,                     // true, with target 'kubernetes': print the manifests instead of deploying
        timeout: null,                     // e.g. '5m': how long start, readiness and the switch may take
        out: 'ctkit-reports/deploy/deploy.json',
    ], config)
    ctkitCli.require('ctkitDeploy', cfg, 'model', "'forecast:3'")
    if (!(cfg.target in ['local', 'docker', 'kubernetes'])) {
        error("ctkitDeploy: 'target' must be local, docker or kubernetes, got '${cfg.target}'")
    }
    if (cfg.dryRun && cfg.target != 'kubernetes') {
        error("ctkitDeploy: 'dryRun' prints the manifests of target 'kubernetes'; the ${cfg.target} target has none")
    }
    // The flags of `ctkit deploy` (issue 13): this is the one place that writes them.
    List args = ['deploy', cfg.model, '--target', cfg.target]
    if (cfg.rollback) {
        args << '--rollback'
    }
    if (cfg.dryRun) {
        args << '--dry-run'
    }
    if (cfg.timeout) {
        args += ['--timeout', cfg.timeout.toString()]
    }
    args += ['--out', cfg.out]
    int status = ctkitCli.execute(cfg, args)
    archiveArtifacts(artifacts: cfg.out, allowEmptyArchive: true)
    if (status == 1) {
        ctkitCli.checkFailed(cfg, "ctkitDeploy: ${cfg.model} was not rolled out to ${cfg.target} (exit 1): a check failed and the old version keeps serving; see ${cfg.out}")
    }
    return status == 0
}
