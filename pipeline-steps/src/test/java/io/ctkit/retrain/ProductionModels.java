package io.ctkit.retrain;

import io.ctkit.data.DatasetReader;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.project.PipelineFile;
import io.ctkit.provenance.CodeVersion;
import io.ctkit.provenance.Provenance;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.Run;
import io.ctkit.train.TrainStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A project's production version without training it: a one-weight bundle named like the project,
 * registered in the project's embedded registry with a run (pipeline and code versions) and a
 * provenance (the training data's real fingerprint, a code version), then promoted.
 */
public final class ProductionModels {
    private ProductionModels() {
    }

    /**
     * Registers and promotes the version; {@code code} is the code version its provenance records
     * (e.g. {@code CodeVersion.of(projectDir)} for "not moved").
     */
    public static ModelVersion promote(PipelineFile project, CodeVersion code) throws IOException {
        String fingerprint = DatasetReader.of(TrainStep.dataSchema(project)).read(project.data().train()).fingerprint();
        Provenance provenance = Provenance.empty()
                .withData("train", new Provenance.DataFingerprint("train.csv", fingerprint, 10L))
                .withConfigHash(project.configHash())
                .withCode(code);
        Path bundle = project.projectDir().resolve("production-bundle");
        ModelDefinition definition = ModelDefinition.parse(("{\"format\": \"ctkit-model/1\", \"name\": \""
                + project.name() + "\", \"task\": \"regression\", \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}],"
                + " \"layers\": [{\"type\": \"dense\", \"weights\": \"weights/W.npy\", \"bias\": \"weights/b.npy\","
                + " \"activation\": \"linear\"}]}").getBytes(StandardCharsets.UTF_8), "model.json");
        Model.bundleWriter(definition, Map.of("weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {2}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.5}))).write(bundle);
        Run run = Run.start("ctkit run " + project.name()).withVersions("ctkit " + code.ctkit(),
                provenance.codeVersionText()).finished("succeeded");
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(project.projectDir()))) {
            ModelVersion v = registry.register(Registration.of(project.name(), bundle).withRun(run)
                    .withProvenance(provenance));
            registry.promote(project.name(), v.version(), Promotion.to(Promotion.PRODUCTION, "test")
                    .forced("the test's production version"));
            return v;
        }
    }
}
