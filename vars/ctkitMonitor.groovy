// Judges a served model with `ctkit monitor` (live quality and drift from the prediction log) and,
// when it decides `retrain`, starts the retraining job with trigger=model-decay.

/**
 * Runs the monitor, archives its report and plots, and returns its decision ('ok', 'degraded' or
 * 'retrain'). A decision other than ok is a failed check (exit 1): the build is UNSTABLE (or FAILS,
 * per onCheckFailure).
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitMonitor', [
        logDir: null,                      // required: the scoring server's prediction and feedback log (serve --log-dir)
        model: null,                       // required: the served bundle, or 'name@alias' / 'name:version'
        project: null,                     // the project whose ctkit.yaml has the monitor: section
        settings: null,                    // instead of project: a file with the monitor: map
        metricsUrl: null,                  // the server's /metrics URL, for request rate, errors and latency
        out: 'ctkit-reports/monitor/monitor.json',
        retrainJob: null,                  // the job to build with trigger=model-decay on a retrain decision
    ], config)
    ctkitCli.require('ctkitMonitor', cfg, 'logDir', "'/var/log/ctkit/forecast'")
    ctkitCli.require('ctkitMonitor', cfg, 'model', "'forecast@production'")
    List args = ['monitor', '--log-dir', cfg.logDir, '--model', cfg.model]
    [project: '--project', settings: '--settings', metricsUrl: '--metrics-url'].each { key, flag ->
        if (cfg[key]) {
            args += [flag, cfg[key].toString()]
        }
    }
    args += ['--out', cfg.out]
    int status = ctkitCli.execute(cfg, args)
    String parent = cfg.out.contains('/') ? cfg.out.substring(0, cfg.out.lastIndexOf('/')) : '.'
    archiveArtifacts(artifacts: "${cfg.out},${parent}/*.png", allowEmptyArchive: true)
    String decision = readJSON(file: cfg.out).decision.toString().toLowerCase()
    if (status == 1) {
        if (decision == 'retrain' && cfg.retrainJob) {
            build(job: cfg.retrainJob, wait: false, parameters: [string(name: 'trigger', value: 'model-decay'),
                    string(name: 'reason', value: "ctkit monitor decided retrain for ${cfg.model}")])
        }
        ctkitCli.checkFailed(cfg, "ctkitMonitor: ${cfg.model} is ${decision} (exit 1); the reasons are in ${cfg.out}")
    }
    return decision
}
