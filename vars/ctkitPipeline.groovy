// The whole CI/CD/CT pipeline in one call: `ctkit run` (validate data, train, evaluate, test, gate,
// register, with the build's trigger in the lineage), then package and deploy the registered version
// only when every check passed. Parameters and a cron schedule let data, code, model decay and the
// clock start it.

/** Runs the CI/CD/CT pipeline of a ctkit project; see ctkitPipeline.txt for the options. */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitPipeline', [
        project: '.',                      // the directory with ctkit.yaml
        label: null,                       // the agent label to run on; null: any
        checkout: true,                    // check the job's SCM out first
        trigger: null,                     // null: from the trigger parameter or the build's cause (timer: schedule, SCM: code)
        cron: null,                        // a schedule for retraining, e.g. 'H 3 * * *'; its builds run with trigger schedule
        reportsDir: 'ctkit-reports',       // the run directory is REPORTS/run-<build number>
        allureResults: null,               // the project tests' Allure results; null: PROJECT/allure-results
        packageImage: true,                // build the scoring image of the registered version
        imageName: null,                   // the image repository; null: ctkit/<model>
        packageTo: 'docker',               // docker, registry or tar (ctkitPackage's to)
        base: null,                        // the scoring image's base; offline: 'docker://ctkit/jre:17'
        deploy: null,                      // local, docker or kubernetes; null: no deployment
        deployTimeout: null,               // ctkitDeploy's timeout, e.g. '5m'
    ], config)
    if (cfg.deploy && !cfg.packageImage && cfg.deploy != 'local') {
        error("ctkitPipeline: deploy '${cfg.deploy}' needs the scoring image; set packageImage: true or deploy: 'local'")
    }
    if (cfg.registry == null) {
        // One registry for every step: the one `ctkit run` uses for the project.
        cfg.registry = "${cfg.project}/.ctkit/registry"
    }
    properties([
        parameters([
            // The names and values `ctkit retrain --via jenkins` posts to buildWithParameters (docs/retraining.md).
            choice(name: 'trigger', choices: ['manual', 'code', 'data', 'model-decay', 'schedule'],
                   description: 'Why this run: recorded in the model\'s lineage (ctkit run --trigger)'),
            string(name: 'reason', defaultValue: '', description: 'Why it was asked for (ctkit retrain); shown in the build description'),
            string(name: 'request-id', defaultValue: '', description: 'The retraining request in the metadata store (ctkit retrain)'),
            booleanParam(name: 'force', defaultValue: false,
                         description: 'Train again even when the training cache holds this model (ctkit run --force)'),
        ]),
        pipelineTriggers(cfg.cron ? [cron(cfg.cron)] : []),
    ])
    node(cfg.label) {
        if (cfg.checkout) {
            stage('Checkout') {
                checkout(scm)
            }
        }
        String runDir = "${cfg.reportsDir}/run-${env.BUILD_NUMBER}"
        Map registered = null
        stage('Train, test, gate, register') {
            String trigger = resolveTrigger(cfg)
            currentBuild.description = "trigger: ${trigger}" + (params.reason ? " (${params.reason})" : '')
            // The flags of `ctkit run`: this is the one place that writes them.
            List args = ['run', cfg.project, '--out', runDir, '--trigger', trigger]
            if (params.force) {
                args << '--force'
            }
            // A retraining asked for by `ctkit retrain --via jenkins`: its request and reason go into the run's record.
            if (params['request-id']) {
                args += ['--retrain-request', params['request-id'].toString()]
            }
            if (params.reason) {
                args += ['--reason', params.reason.toString()]
            }
            int status = ctkitCli.execute(cfg, args)
            ctkitPublish(junit: "${runDir}/test/junit/*.xml",
                         allureResults: cfg.allureResults ?: "${cfg.project}/allure-results")
            archiveArtifacts(artifacts: "${runDir}/**", fingerprint: true)
            if (status == 1) {
                Map run = readJSON(file: "${runDir}/run.json")
                ctkitCli.checkFailed(cfg, "ctkitPipeline: stage ${run.failed_stage} failed: ${run.reason}; nothing was registered, packaged or deployed")
                return
            }
            registered = readJSON(file: "${runDir}/register/registered.json")
        }
        if (registered == null) {
            return
        }
        String ref = "${registered.model}:${registered.version}"
        if (cfg.packageImage) {
            stage('Package') {
                String image = "${cfg.imageName ?: 'ctkit/' + registered.model}:${registered.version}"
                if (!ctkitPackage(ctkitCli.shared(cfg) + [model: "${runDir}/train/model", image: image,
                        to: cfg.packageTo, base: cfg.base, modelVersion: registered.version,
                        out: "${runDir}/package/package.json"])) {
                    registered = null
                }
            }
        }
        if (registered != null && cfg.deploy) {
            stage('Deploy') {
                ctkitDeploy(ctkitCli.shared(cfg) + [model: ref, target: cfg.deploy, timeout: cfg.deployTimeout,
                        out: "${runDir}/deploy/deploy.json"])
            }
        }
    }
}

/** Why this build runs: the option, else a trigger parameter other than manual, else the build's cause. */
String resolveTrigger(Map cfg) {
    List triggers = ['manual', 'code', 'data', 'model-decay', 'schedule']
    String chosen = cfg.trigger ?: (params.trigger && params.trigger != 'manual' ? params.trigger : null)
    if (chosen == null) {
        if (currentBuild.getBuildCauses('hudson.triggers.TimerTrigger$TimerTriggerCause')) {
            chosen = 'schedule'
        } else if (currentBuild.getBuildCauses('hudson.triggers.SCMTrigger$SCMTriggerCause')
                || currentBuild.getBuildCauses('jenkins.branch.BranchEventCause')) {
            chosen = 'code'
        } else {
            chosen = 'manual'
        }
    }
    if (!(chosen in triggers)) {
        error("ctkitPipeline: trigger '${chosen}' is not one of ${triggers.join(', ')}")
    }
    return chosen
}
