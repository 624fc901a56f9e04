// Trains a project's model with `ctkit train`: the bundle and training.json (provenance) in `out`.

/**
 * Trains the model of a ctkit project and archives the bundle and its training report.
 * Returns true when training succeeded.
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitTrain', [
        project: '.',                      // the directory with ctkit.yaml (or the file)
        out: 'ctkit-reports/train',        // DIR/model (the bundle) and DIR/training.json
        force: false,                      // true: train again even when the training cache has this model
        archive: true,                     // archive DIR/** with the build
    ], config)
    List args = ['train', cfg.project, '--out', cfg.out]
    if (cfg.force) {
        args << '--force'
    }
    int status = ctkitCli.execute(cfg, args)
    if (cfg.archive) {
        archiveArtifacts(artifacts: "${cfg.out}/**", fingerprint: true, allowEmptyArchive: status != 0)
    }
    if (status == 1) {
        ctkitCli.checkFailed(cfg, "ctkitTrain: training of ${cfg.project} failed a check (exit 1); see the log")
    }
    return status == 0
}
