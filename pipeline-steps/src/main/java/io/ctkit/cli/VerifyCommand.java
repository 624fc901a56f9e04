package io.ctkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleContentException;
import io.ctkit.bundle.BundleIntegrityException;
import io.ctkit.bundle.BundleKeys;
import io.ctkit.bundle.BundleSignatureException;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.model.Model;
import io.ctkit.model.preprocess.InputSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ctkit verify}: checks a model bundle end to end, exactly as serving would load it. */
@Command(
        name = "verify",
        header = "Verify a model bundle: digests, signature, model.json, weights.",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a model bundle: every file's SHA-256 against MANIFEST.json, the optional Ed25519 "
                    + "signature, model.json and every weight file; then compiles the model as serving would.",
            "",
            "Exit 0 when it verifies, 1 when a digest or signature does not match or a file is missing or unlisted, 2 when the bundle is "
                    + "malformed or missing."
        })
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|TAR", description = "The model bundle: a directory or a .tar of one.")
    Path model;

    @Option(names = "--public-key", paramLabel = "PEM", description = "Require a valid MANIFEST.sig made with the private half of this Ed25519 public key (PEM, X.509).")
    Path publicKey;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.exists(model)) {
            throw new UserException("--model " + model + ": no such file or directory");
        }
        BundleVerification verification = publicKey == null
                ? BundleVerification.defaults()
                : BundleVerification.requireSignature(BundleKeys.readPublicKey(publicKey));
        ObjectNode report = io.ctkit.quality.Reports.object();
        report.put("bundle", model.toString());
        Bundle bundle;
        Model loaded;
        try {
            bundle = Bundle.open(model, verification);
            loaded = Model.from(bundle);
        } catch (BundleIntegrityException | BundleContentException | BundleSignatureException e) {
            report.put("verified", false);
            report.put("error", e.getMessage());
            if (out != null) {
                io.ctkit.quality.Reports.write(out, report);
            }
            throw new CheckFailedException("bundle does not verify: " + e.getMessage());
        }
        report.put("verified", true);
        report.put("digest", bundle.digest());
        report.put("signed", bundle.signed());
        report.put("name", loaded.name());
        report.put("task", loaded.task().jsonName());
        report.put("files", bundle.files().size());
        report.put("features", loaded.encoder().width());
        if (out != null) {
            io.ctkit.quality.Reports.write(out, report);
        }
        stdout.printf("verified %s: %s (%s), %d files, %s%n", model, loaded.name(), loaded.task().jsonName(),
                bundle.files().size(), bundle.signed() ? "signature valid" : "unsigned");
        stdout.printf("  digest   %s%n", bundle.digest());
        StringBuilder inputs = new StringBuilder();
        for (InputSpec input : loaded.definition().inputs()) {
            inputs.append(inputs.length() == 0 ? "" : ", ").append(input.name());
        }
        stdout.printf("  inputs   %s%n", inputs);
        if (!loaded.labels().isEmpty()) {
            stdout.printf("  labels   %s%n", String.join(", ", loaded.labels()));
        }
        return 0;
    }
}
