package io.ctkit.examples;

import io.ctkit.files.AtomicFiles;
import io.ctkit.project.DataSection;
import io.ctkit.project.GeneratorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Daily campaign data of a marketing analytics platform, seeded: per day and channel the spend,
 * impressions and clicks, and the revenue they brought. Revenue depends on the channel, the day of
 * the week, the season and a slow trend; from {@code drift_start} on, the channels' returns shift
 * (concept drift), so a model trained on the early days decays on the later ones.
 *
 * <p>Writes the history period as {@code data.train} (its first {@code 1 - holdout_fraction} of
 * days) and {@code data.holdout} (the last days), the reference (a copy of the training file) when
 * declared, and the drifted later period as {@code recent.csv} beside the training file.
 */
public final class MarketingForecastData {
    public static final String NAME = "marketing-forecast";
    public static final List<String> CHANNELS = List.of("search", "social", "email", "display", "video");
    static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final Set<String> OPTIONS = Set.of("seed", "start_date", "history_days", "recent_days",
            "holdout_fraction", "drift_start", "drift_ramp_days", "drift_strength", "noise");

    private static final double[] BASE_SPEND = {900, 600, 150, 400, 700};
    private static final double[] CPM = {12, 6, 2.5, 4, 9};
    private static final double[] CTR = {0.045, 0.012, 0.03, 0.004, 0.008};
    private static final double[] VALUE = {2.4, 3.1, 4.0, 5.5, 3.8};
    private static final double[] DRIFT = {-0.45, 0.6, -0.35, 0.3, 0.5};
    private static final double[] WEEKDAY = {1.0, 1.03, 1.05, 1.04, 0.97, 0.82, 0.78};

    private MarketingForecastData() {
    }

    /** The generator's settings, checked. */
    public record Options(long seed, LocalDate start, int historyDays, int recentDays, double holdoutFraction,
            int driftStart, int driftRampDays, double driftStrength, double noise) {

        static Options from(GeneratorSpec spec, String file) {
            spec.requireKnownOptions(OPTIONS, file);
            int history = spec.integerOption("history_days", 365, 14, file);
            LocalDate start;
            try {
                start = LocalDate.parse(String.valueOf(spec.options().getOrDefault("start_date", "2024-01-01")));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": " + spec.path() + ".options.start_date: must be a date"
                        + " like 2024-01-01, got " + spec.options().get("start_date"));
            }
            return new Options(spec.seedOption(7, file), start, history, spec.integerOption("recent_days", 365, 0, file),
                    spec.numberOption("holdout_fraction", 0.2, 0.05, 0.5, file),
                    spec.integerOption("drift_start", history, 0, file),
                    spec.integerOption("drift_ramp_days", 120, 1, file),
                    spec.numberOption("drift_strength", 1.0, 0, 10, file), spec.numberOption("noise", 0.08, 0, 2, file));
        }
    }

    /** The {@link io.ctkit.project.ProjectData.DataGenerator} entry point. */
    public static void generate(GeneratorSpec spec, String file, DataSection data) throws IOException {
        Options options = Options.from(spec, file);
        int holdoutDays = Math.max(1, (int) Math.round(options.historyDays() * options.holdoutFraction()));
        int trainDays = options.historyDays() - holdoutDays;
        String[] periods = write(options, trainDays, holdoutDays);
        writeAtomically(data.train(), periods[0]);
        writeAtomically(data.holdout(), periods[1]);
        if (data.reference() != null && !data.reference().equals(data.train())) {
            writeAtomically(data.reference(), periods[0]);
        }
        writeAtomically(data.train().resolveSibling("recent.csv"), periods[2]);
    }

    /** The three periods' CSV texts: training days, holdout days, recent (drifted) days. */
    public static String[] write(Options o, int trainDays, int holdoutDays) {
        SplittableRandom random = new SplittableRandom(o.seed());
        StringBuilder[] out = new StringBuilder[3];
        for (int i = 0; i < 3; i++) {
            out[i] = new StringBuilder("date,channel,day_of_week,week_of_year,day_index,spend,impressions,clicks,revenue\n");
        }
        int total = o.historyDays() + o.recentDays();
        for (int day = 0; day < total; day++) {
            LocalDate date = o.start().plusDays(day);
            int period = day < trainDays ? 0 : day < trainDays + holdoutDays ? 1 : 2;
            double season = 1 + 0.25 * Math.sin(2 * Math.PI * (date.getDayOfYear() - 80) / 365.25);
            double trend = 1 + 0.15 * day / 365.0;
            double drift = day < o.driftStart() ? 0 : Math.min(1.0, (day - o.driftStart() + 1.0) / o.driftRampDays());
            int dow = date.getDayOfWeek().getValue() - 1;
            int week = date.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            for (int c = 0; c < CHANNELS.size(); c++) {
                double spend = BASE_SPEND[c] * (1 + 0.3 * Math.sin(2 * Math.PI * day / 365.25 + c)) * logNormal(random, 0.25);
                double impressions = Math.floor(spend / CPM[c] * 1000 * logNormal(random, 0.1));
                double clicks = Math.floor(impressions * CTR[c] * logNormal(random, 0.15));
                double value = VALUE[c] * trend * (1 + o.driftStrength() * DRIFT[c] * drift);
                double revenue = clicks * value * WEEKDAY[dow] * season * (1 + o.noise() * gaussian(random));
                out[period].append(date).append(',').append(CHANNELS.get(c)).append(',').append(DAYS[dow]).append(',')
                        .append(week).append(',').append(day).append(',').append(fmt(spend)).append(',')
                        .append((long) impressions).append(',').append((long) clicks).append(',')
                        .append(fmt(Math.max(0, revenue))).append('\n');
            }
        }
        return new String[] {out[0].toString(), out[1].toString(), out[2].toString()};
    }

    private static double logNormal(SplittableRandom random, double sigma) {
        return Math.exp(sigma * gaussian(random) - sigma * sigma / 2);
    }

    /** Box–Muller from the seeded stream (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Writes a file that is missing; an existing one is kept (the same seed would give the same text). */
    private static void writeAtomically(Path file, String content) throws IOException {
        AtomicFiles.writeIfAbsent(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
