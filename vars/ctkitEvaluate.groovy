// Computes a model's metrics with `ctkit evaluate`: bootstrap intervals, slices and plots.

/**
 * Evaluates a bundle on a data file (or a predictions file) and archives the metrics report and the
 * plots. Returns true when the evaluation ran.
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitEvaluate', [
        model: null,                       // a bundle directory or .tar (or give predictions)
        data: null,                        // the CSV to score with the model
        predictions: null,                 // instead of model + data: a predictions file (needs task)
        task: null,                        // with predictions: binary, multiclass or regression
        label: null,                       // the label column of data (CLI default: label)
        slices: null,                      // columns to compute every metric per value of, e.g. 'channel,region'
        plots: 'ctkit-reports/evaluate/plots', // PNG plots go here; null: none
        out: 'ctkit-reports/evaluate/metrics.json',
    ], config)
    if (!cfg.predictions) {
        ctkitCli.require('ctkitEvaluate', cfg, 'model', "'ctkit-reports/train/model'")
        ctkitCli.require('ctkitEvaluate', cfg, 'data', "'data/holdout.csv'")
    } else {
        ctkitCli.require('ctkitEvaluate', cfg, 'task', "'binary'")
    }
    List args = ['evaluate']
    args += cfg.predictions ? ['--predictions', cfg.predictions, '--task', cfg.task] : ['--model', cfg.model, '--data', cfg.data]
    if (cfg.label) {
        args += ['--label', cfg.label]
    }
    if (cfg.slices) {
        args += ['--slices', cfg.slices]
    }
    if (cfg.plots) {
        args += ['--plots', cfg.plots]
    }
    args += ['--out', cfg.out]
    int status = ctkitCli.execute(cfg, args)
    archiveArtifacts(artifacts: ([cfg.out] + (cfg.plots ? ["${cfg.plots}/*.png"] : [])).join(','), allowEmptyArchive: true)
    if (status == 1) {
        ctkitCli.checkFailed(cfg, "ctkitEvaluate: the evaluation failed a check (exit 1); see ${cfg.out}")
    }
    return status == 0
}
