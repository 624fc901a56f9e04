// Builds the scoring container image of a bundle with `ctkit package` (Jib).

/** Builds the scoring image of a bundle and archives the package report. Returns true when built. */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitPackage', [
        model: null,                       // required: the bundle directory or .tar, or a registered version (name@alias, name:version), whose image is then recorded for ctkitDeploy
        image: null,                       // required: the image reference, e.g. 'ctkit/forecast:3'
        to: 'docker',                      // docker (the local daemon), registry (push) or tar
        tar: null,                         // with to: 'tar': the file to write
        base: null,                        // the base image; where no registry is reachable: 'docker://ctkit/jre:17'
        modelVersion: null,                // the registered version number, served as /models/<name>/<N>/
        out: 'ctkit-reports/package/package.json',
    ], config)
    ctkitCli.require('ctkitPackage', cfg, 'model', "'ctkit-reports/train/model'")
    ctkitCli.require('ctkitPackage', cfg, 'image', "'ctkit/forecast:3'")
    if (!(cfg.to in ['docker', 'registry', 'tar'])) {
        error("ctkitPackage: 'to' must be docker, registry or tar, got '${cfg.to}'")
    }
    if (cfg.to == 'tar') {
        ctkitCli.require('ctkitPackage', cfg, 'tar', "'ctkit-reports/package/image.tar'")
    }
    List args = ['package', '--model', cfg.model, '--image', cfg.image, '--to', cfg.to]
    [tar: '--tar', base: '--base', modelVersion: '--model-version'].each { key, flag ->
        if (cfg[key] != null) {
            args += [flag, cfg[key].toString()]
        }
    }
    args += ['--out', cfg.out]
    int status = ctkitCli.execute(cfg, args)
    archiveArtifacts(artifacts: cfg.out, allowEmptyArchive: status != 0)
    if (status == 1) {
        ctkitCli.checkFailed(cfg, "ctkitPackage: the image ${cfg.image} failed a check (exit 1)")
    }
    return status == 0
}
