package io.ctkit.run;

import io.ctkit.config.ConfigNode;
import io.ctkit.monitor.MonitorSettings;
import io.ctkit.project.PipelineFile;
import io.ctkit.project.Section;

/**
 * {@code monitor:} of ctkit.yaml: the monitor step's {@link MonitorSettings} (window, minimum rows,
 * bootstrap, metric floors, drift thresholds); a floor on a metric the project's task does not
 * have is refused when the file is read.
 */
public final class MonitorSection implements Section<MonitorSettings> {

    public static final MonitorSection SECTION = new MonitorSection();

    @Override
    public String key() {
        return "monitor";
    }

    @Override
    public MonitorSettings read(ConfigNode node, PipelineFile project) {
        MonitorSettings settings = MonitorSettings.read(node);
        settings.checkTask(project.model().task(), node);
        return settings;
    }

    @Override
    public MonitorSettings absent(PipelineFile project) {
        return MonitorSettings.defaults();
    }
}
