// Publishes test results: JUnit always, Allure when its plugin is installed (the step is optional).

/** Publishes JUnit XML and, when the Allure plugin provides the allure step, the Allure results. */
def call(Map config = [:]) {
    Map cfg = [
        junit: null,                       // JUnit XML files (an Ant pattern); null: none
        allureResults: null,               // an Allure results directory; null: none
    ]
    String problem = ctkitCli.unknownOption('ctkitPublish', cfg.keySet(), config.keySet())
    if (problem) {
        error(problem)
    }
    cfg << config
    if (cfg.junit) {
        junit(testResults: cfg.junit, allowEmptyResults: true)
    }
    if (cfg.allureResults) {
        try {
            allure(results: [[path: cfg.allureResults]], includeProperties: false)
        } catch (NoSuchMethodError ignored) {
            // Jenkins' answer to a step no plugin provides: Allure is optional.
            echo("ctkitPublish: the Allure plugin is not installed; ${cfg.allureResults} is not published as a report")
        }
    }
}
