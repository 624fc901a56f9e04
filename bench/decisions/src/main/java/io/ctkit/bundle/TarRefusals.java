package io.ctkit.bundle;

import io.ctkit.bundle.TarCases.Case;
import io.ctkit.bundle.TarReaders.Impl;
import io.ctkit.bundle.TarReaders.Kind;
import io.ctkit.bundle.TarReaders.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every tar case of model-core's tests (and a few new attacks) through both readers: prints a
 * Markdown table with what each did, and a summary line. Run from bench/decisions.
 */
public final class TarRefusals {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tar-cases");
        int agree = 0;
        int total = 0;
        int compressRefusesWhatCurrentRefuses = 0;
        int currentRefusals = 0;
        int currentMatches = 0;
        int sameStage = 0;
        int expectations = 0;
        System.out.println("| group | case | current | Commons Compress + policy | same verdict |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Case c : TarCases.all()) {
            Path tar = dir.resolve(String.format("case%03d.tar", total));
            Files.write(tar, c.tar());
            Outcome current = TarReaders.outcome(Impl.CURRENT, tar, c.limits());
            Outcome compress = TarReaders.outcome(Impl.COMPRESS, tar, c.limits());
            total++;
            boolean same = current.kind() == compress.kind()
                    && (current.kind() != Kind.ACCEPTED || current.detail().equals(compress.detail()));
            agree += same ? 1 : 0;
            sameStage += same && (current.kind() != Kind.REFUSED || current.type().equals(compress.type())) ? 1 : 0;
            if (current.kind() == Kind.REFUSED) {
                currentRefusals++;
                compressRefusesWhatCurrentRefuses += compress.kind() == Kind.REFUSED ? 1 : 0;
            }
            boolean measuredOnly = c.group().equals("new");
            boolean matches = measuredOnly || (c.expected() == null ? current.kind() == Kind.ACCEPTED
                    : current.kind() == Kind.REFUSED && current.detail().contains(c.expected()));
            expectations += measuredOnly ? 0 : 1;
            currentMatches += measuredOnly ? 0 : matches ? 1 : 0;
            System.out.printf("| %s | %s | %s%s | %s | %s |%n", c.group(), c.name(), cell(current, tar),
                    matches ? "" : " **(expected: " + c.expected() + ")**", cell(compress, tar), same ? "yes" : "**no**");
        }
        System.out.printf("%n%d cases; current reader as its tests expect: %d/%d; verdicts agree: %d/%d (and at the "
                + "same stage: %d); of the %d the current reader refuses, Commons Compress + policy refuses %d%n", total,
                currentMatches, expectations, agree, total, sameStage, currentRefusals, compressRefusesWhatCurrentRefuses);
    }

    private static String cell(Outcome o, Path tar) {
        String text = switch (o.kind()) {
            case ACCEPTED -> "opens (" + o.detail().substring(o.detail().indexOf(' ') + 1) + ")";
            case REFUSED -> "refused (" + o.type() + "): " + o.message(tar);
            case UNEXPECTED -> "**" + o.type() + "**: " + o.detail();
        };
        text = text.replace("|", "\\|").replace("\n", " ");
        return text.length() > 230 ? text.substring(0, 227) + "..." : text;
    }
}
