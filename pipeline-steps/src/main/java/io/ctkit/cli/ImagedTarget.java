package io.ctkit.cli;

import io.ctkit.deploy.DeployException;
import io.ctkit.deploy.DeployTarget;
import io.ctkit.registry.Image;
import io.ctkit.registry.ModelRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A target that runs a pushed image rather than the bundle (kubernetes): DeployStep hands it a
 * release without an image, and this gives the release the image a cluster can pull, which is
 * {@code --image REF} when given, else the newest image the registry recorded for that version
 * ({@link ModelRegistry#recordImage}, which {@code ctkit package --model name:version} calls).
 */
final class ImagedTarget implements DeployTarget {
    private final DeployTarget target;
    private final ModelRegistry registry;
    private final String explicit;

    ImagedTarget(DeployTarget target, ModelRegistry registry, String explicit) {
        this.target = target;
        this.registry = registry;
        this.explicit = explicit;
    }

    /** The image for a version: {@code explicit} when given, else the registry's newest recorded one. */
    static Optional<String> image(ModelRegistry registry, String explicit, String model, int version)
            throws IOException {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        List<Image> images = registry.lineage(model, version).images();
        return images.isEmpty() ? Optional.empty() : Optional.of(images.get(images.size() - 1).reference());
    }

    static String noImage(String model, int version) {
        return model + ":" + version + " has no recorded scoring image, and a cluster can only run an image it can"
                + " pull; push and record one (ctkit package --model " + model + ":" + version
                + " --image REGISTRY/IMAGE:TAG --to registry) or pass --image REGISTRY/IMAGE:TAG";
    }

    @Override
    public Candidate start(Release release, Duration timeout) throws IOException {
        String image = image(registry, explicit, release.model(), release.version())
                .orElseThrow(() -> new DeployException("start", noImage(release.model(), release.version())));
        return target.start(new Release(release.model(), release.version(), release.digest(), release.bundle(), image),
                timeout);
    }

    @Override
    public String kind() {
        return target.kind();
    }

    @Override
    public String describe() {
        return target.describe();
    }

    @Override
    public void promote(Candidate candidate, Duration timeout) throws IOException {
        target.promote(candidate, timeout);
    }

    @Override
    public void discard(Candidate candidate) throws IOException {
        target.discard(candidate);
    }

    @Override
    public Optional<Release> current() throws IOException {
        return target.current();
    }
}
