package io.ctkit.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a model version serves: a local process, a Docker container or a Kubernetes Deployment.
 * DeployStep drives every target through the same order: verify the bundle, {@link #start} the new
 * version beside the old one (ready, but not yet serving traffic), smoke-test it with the golden
 * rows through {@link Candidate#post}, then {@link #promote} it (traffic switches, then the old
 * version retires) or {@link #discard} it (the old version keeps serving, untouched).
 */
public interface DeployTarget {

    /** What to deploy: a verified bundle directory and what it is. */
    record Release(String model, int version, String digest, Path bundle, String image) {
    }

    /** A started, ready, not yet serving version. */
    interface Candidate {
        Release release();

        /** Sends a JSON body to a path of the candidate's scoring server (e.g. the V2 infer route). */
        Reply post(String path, String json) throws IOException;

        /** Where the candidate answers, for messages. */
        URI endpoint();
    }

    /** An HTTP answer from a candidate. */
    record Reply(int status, String body) {
    }

    /** {@code local}, {@code docker} or {@code kubernetes}. */
    String kind();

    /** Where this target deploys, for the registry's deployment record, e.g. {@code k8s:prod/forecast}. */
    String describe();

    /** Starts the release beside what serves now and waits (at most {@code timeout}) until it is ready. */
    Candidate start(Release release, Duration timeout) throws IOException;

    /** Switches traffic to the candidate, waits (at most {@code timeout}), then retires the old version. */
    void promote(Candidate candidate, Duration timeout) throws IOException;

    /** Stops a candidate that failed a check; what served before keeps serving. */
    void discard(Candidate candidate) throws IOException;

    /** The release serving now, if any. */
    Optional<Release> current() throws IOException;
}
