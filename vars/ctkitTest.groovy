// Runs a project's own model tests (e.g. the ml-test-kit's JUnit tests) against a bundle, and
// publishes their JUnit and Allure results. ctkit has no test verb: this is what the `test` stage of
// `ctkit run` does, for pipelines that call the steps one by one.

/**
 * Runs the test command with CTKIT_MODEL (and CTKIT_REGISTRY) set, then publishes the results.
 * Returns true when every test passed.
 */
def call(Map config = [:]) {
    Map cfg = ctkitCli.configure('ctkitTest', [
        command: null,                     // required: the test command, e.g. 'mvn -B -ntp test'
        model: null,                       // required: the model under test, a bundle or 'name@alias' / 'name:version'
        junit: '**/target/surefire-reports/*.xml', // the JUnit XML the command writes
        allureResults: 'allure-results',   // the Allure results directory; published when the Allure plugin is installed
    ], config)
    ctkitCli.require('ctkitTest', cfg, 'command', "'mvn -B -ntp test'")
    ctkitCli.require('ctkitTest', cfg, 'model', "'ctkit-reports/train/model'")
    List environment = ["CTKIT_MODEL=${cfg.model}"]
    if (cfg.registry) {
        environment << "CTKIT_REGISTRY=${cfg.registry}"
    }
    int status = -1
    // On the agent, not in cliImage: the command is the project's (its build tool is not in the CLI image).
    withEnv(environment) {
        status = sh(returnStatus: true, script: cfg.command, label: 'model tests')
    }
    ctkitPublish(junit: cfg.junit, allureResults: cfg.allureResults)
    if (status != 0) {
        ctkitCli.checkFailed(cfg, "ctkitTest: the model tests failed (exit ${status}): ${cfg.command}")
    }
    return status == 0
}
