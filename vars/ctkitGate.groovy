// Judges a challenger with `ctkit gate`: thresholds, no regression against the champion, tests.

/**
 * Runs the quality gate and archives its verdict. Returns true when the challenger passed; when it
 * failed (exit 1) the build is UNSTABLE (or FAILS, per onCheckFailure) and the caller must not
 * promote or deploy it.
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitGate', [
        model: null,                       // the challenger bundle (scored on data), or give challenger
        challenger: null,                  // instead of model: the challenger's predictions file (needs task)
        data: null,                        // the holdout CSV both models are scored on
        championModel: null,               // the champion bundle; null: the policy's first_run rule decides
        champion: null,                    // instead of championModel: the champion's predictions file
        task: null,                        // with predictions files: binary, multiclass or regression
        policy: null,                      // the gate policy (YAML or JSON); null: the CLI's default
        tests: null,                       // JUnit XML file or directory of the challenger's tests
        id: null,                          // a row-id column proving both sides are the same rows
        out: 'ctkit-reports/gate/gate.json', // the verdict, format ctkit-gate/1
    ], config)
    if (!cfg.challenger) {
        ctkitCli.require('ctkitGate', cfg, 'model', "'ctkit-reports/train/model'")
    }
    List args = ['gate']
    args += cfg.challenger ? ['--challenger', cfg.challenger] : ['--model', cfg.model]
    [champion: '--champion', championModel: '--champion-model', data: '--data', task: '--task',
     policy: '--policy', tests: '--tests', id: '--id'].each { key, flag ->
        if (cfg[key]) {
            args += [flag, cfg[key].toString()]
        }
    }
    args += ['--out', cfg.out]
    int status = ctkitCli.execute(cfg, args)
    archiveArtifacts(artifacts: cfg.out, allowEmptyArchive: true)
    if (status == 1) {
        ctkitCli.checkFailed(cfg, "ctkitGate: the challenger failed the gate (exit 1); the checks are in ${cfg.out}")
    }
    return status == 0
}
