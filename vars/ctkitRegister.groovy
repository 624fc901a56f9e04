// Records a bundle as a new version in the model registry with `ctkit register`.

/**
 * Registers a bundle with its evidence and lineage; returns the registration record
 * ({@code [model: .., version: .., alias: ..]}, read from {@code out}), or null when the alias's
 * gate-verdict policy refused the promotion (exit 1).
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitRegister', [
        bundle: null,                      // required: the bundle directory or .tar
        name: null,                        // the model name; null: the name in model.json
        metrics: null,                     // a metrics report (ctkit evaluate)
        gate: null,                        // a ctkit-gate/1 verdict (ctkit gate)
        tests: [],                         // JUnit XML or Allure summary.json files
        alias: null,                       // also move this alias (e.g. 'production') to the new version
        trainingReport: null,              // training.json of ctkit train (provenance)
        codeVersion: null,                 // null: the CLI takes $CTKIT_CODE_VERSION, else $GIT_COMMIT
        out: 'ctkit-reports/register/registered.json',
    ], config)
    ctkitCli.require('ctkitRegister', cfg, 'bundle', "'ctkit-reports/train/model'")
    List args = ['register', '--bundle', cfg.bundle]
    [name: '--name', metrics: '--metrics', gate: '--gate', alias: '--alias',
     trainingReport: '--training-report', codeVersion: '--code-version'].each { key, flag ->
        if (cfg[key]) {
            args += [flag, cfg[key].toString()]
        }
    }
    (cfg.tests ?: []).each { args += ['--tests', it.toString()] }
    args += ['--out', cfg.out]
    int status = ctkitCli.execute(cfg, args)
    if (status == 1) {
        ctkitCli.checkFailed(cfg, "ctkitRegister: the registry refused to move '${cfg.alias}' (exit 1): the version has no passing gate verdict")
        return null
    }
    archiveArtifacts(artifacts: cfg.out)
    return readJSON(file: cfg.out)
}
