package io.ctkit.examples;

import io.ctkit.files.AtomicFiles;
import io.ctkit.project.DataSection;
import io.ctkit.project.GeneratorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Expense receipts of a travel-and-expense tool, seeded, in monthly batches: merchant, free-text
 * line items (English and German, with random casing, abbreviations and typos), amount, currency,
 * country, weekday and payment method; the label is the expense category. Classes are imbalanced,
 * a few merchants are ambiguous (a station kiosk sells fuel and meals), and every month after the
 * first brings new merchants and moves the category mix towards software and telecom.
 *
 * <p>The first {@code history_months} months are split row by row into {@code data.train} and
 * {@code data.holdout} ({@code holdout_fraction}); the reference, when declared, is a copy of the
 * training file; each later month {@code m} is written as {@code month-m.csv} beside the training
 * file (the batches a data trigger retrains on).
 */
public final class ReceiptsData {
    public static final String NAME = "receipts";
    public static final List<String> CATEGORIES =
            List.of("travel", "lodging", "meals", "fuel", "office_supplies", "software", "telecom", "other");
    static final String HEADER = "month,merchant,items,amount,currency,country,weekday,payment_method,category\n";
    private static final Set<String> OPTIONS =
            Set.of("seed", "rows_per_month", "history_months", "months", "holdout_fraction", "noise");
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final String[] PAYMENTS = {"corporate_card", "credit_card", "cash", "debit_card", "invoice"};
    private static final String[][] PLACES = {{"DE", "EUR"}, {"AT", "EUR"}, {"FR", "EUR"}, {"GB", "GBP"},
        {"US", "USD"}, {"CH", "CHF"}};
    /** Category mix in month 1; {@link #SHIFT} is added per later month (then renormalised). */
    private static final double[] MIX = {0.16, 0.12, 0.34, 0.14, 0.08, 0.06, 0.05, 0.05};
    private static final double[] SHIFT = {-0.01, -0.005, -0.02, -0.01, 0.0, 0.025, 0.015, 0.005};
    private static final double[] AMOUNT = {180, 140, 28, 70, 45, 60, 40, 35};
    /** Per category: merchants known from month 1, then merchants that appear in later months. */
    private static final String[][] MERCHANTS = {
        {"Deutsche Bahn", "Lufthansa", "Uber", "FlixBus", "Sixt"}, {"Eurowings", "Bolt", "Ryanair", "SBB CFF"},
        {"Marriott", "Hilton", "Ibis Budget", "Motel One"}, {"Booking.com", "Airbnb", "NH Hotels"},
        {"Starbucks", "McDonald's", "Vapiano", "Cafe Einstein", "Pizza Hut"}, {"Wolt", "Lieferando", "Dean&David"},
        {"Shell", "Aral", "Esso", "Total"}, {"BP", "Jet", "OMV"},
        {"Staples", "Amazon", "Viking", "McPaper"}, {"Otto Office", "Büroshop24"},
        {"Adobe", "Atlassian", "Microsoft", "GitHub"}, {"JetBrains", "Figma", "Notion", "Slack"},
        {"Vodafone", "Telekom", "O2"}, {"1&1", "Congstar", "Zoom Phone"},
        {"Post", "DHL", "Apotheke"}, {"Hermes", "Rossmann"}};
    /** Merchants whose receipts fall into two categories (the hard cases). */
    private static final String[][] AMBIGUOUS = {{"Shell Station Shop", "fuel", "meals"},
        {"Amazon", "office_supplies", "software"}, {"Hotel Adlon", "lodging", "meals"}};
    private static final String[][] WORDS = {
        {"train ticket", "Fahrkarte", "flight", "Flug", "taxi", "ride", "bahncard", "seat reservation", "boarding pass"},
        {"hotel", "Übernachtung", "room", "Zimmer", "night", "breakfast incl", "city tax", "Kurtaxe"},
        {"lunch", "dinner", "Mittagessen", "coffee", "Kaffee", "sandwich", "menu", "Getränke", "tip"},
        {"diesel", "super e10", "petrol", "Benzin", "liters", "Tankstelle", "fuel", "AdBlue"},
        {"printer paper", "toner", "pens", "Kugelschreiber", "notebook", "folders", "Ordner", "stapler"},
        {"subscription", "licence", "Lizenz", "annual plan", "seats", "cloud", "SaaS", "renewal"},
        {"mobile plan", "Mobilfunk", "data", "roaming", "internet", "DSL", "SIM", "phone bill"},
        {"postage", "Porto", "parcel", "Paket", "pharmacy", "misc", "fee", "Gebühr"}};
    private static final String[] GENERIC = {"total", "Summe", "MwSt 19%", "VAT", "Beleg", "receipt", "item", "qty 1"};
    private static final Map<String, String> ABBREVIATIONS = Map.of("subscription", "subscr", "reservation", "res",
            "Übernachtung", "Übern.", "breakfast", "bkfst", "liters", "ltr", "internet", "inet", "Mittagessen", "Mittag.");

    private ReceiptsData() {
    }

    /** The generator's settings, checked. */
    public record Options(long seed, int rowsPerMonth, int historyMonths, int months, double holdoutFraction,
            double noise) {

        static Options from(GeneratorSpec spec, String file) {
            spec.requireKnownOptions(OPTIONS, file);
            int history = spec.integerOption("history_months", 3, 1, file);
            int months = spec.integerOption("months", history + 3, history, file);
            double fraction = spec.numberOption("holdout_fraction", 0.2, 0.05, 0.5, file);
            double noise = spec.numberOption("noise", 0.15, 0, 1, file);
            return new Options(spec.seedOption(7, file), spec.integerOption("rows_per_month", 1500, 50, file), history,
                    months, fraction, noise);
        }
    }

    /** The {@link io.ctkit.project.ProjectData.DataGenerator} entry point. */
    public static void generate(GeneratorSpec spec, String file, DataSection data) throws IOException {
        Options options = Options.from(spec, file);
        List<String> out = write(options);
        writeIfAbsent(data.train(), out.get(0));
        writeIfAbsent(data.holdout(), out.get(1));
        if (data.reference() != null && !data.reference().equals(data.train())) {
            writeIfAbsent(data.reference(), out.get(0));
        }
        for (int m = options.historyMonths() + 1; m <= options.months(); m++) {
            writeIfAbsent(data.train().resolveSibling("month-" + m + ".csv"), out.get(m - options.historyMonths() + 1));
        }
    }

    /** The CSV texts: training rows, holdout rows, then one per month after the history. */
    public static List<String> write(Options o) {
        SplittableRandom random = new SplittableRandom(o.seed());
        StringBuilder[] out = new StringBuilder[2 + o.months() - o.historyMonths()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new StringBuilder(HEADER);
        }
        for (int month = 1; month <= o.months(); month++) {
            double[] mix = mix(month);
            for (int r = 0; r < o.rowsPerMonth(); r++) {
                int target = month > o.historyMonths() ? 1 + month - o.historyMonths()
                        : random.nextDouble() < o.holdoutFraction() ? 1 : 0;
                receipt(random, o.noise(), month, pick(random, mix), out[target]);
            }
        }
        return java.util.Arrays.stream(out).map(StringBuilder::toString).toList();
    }

    /** The category mix of a month (1-based): month 1's, shifted a step per later month. */
    static double[] mix(int month) {
        double[] p = new double[MIX.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.max(0.01, MIX[c] + SHIFT[c] * (month - 1));
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static void receipt(SplittableRandom random, double noise, int month, int category, StringBuilder out) {
        String merchant;
        if (random.nextDouble() < 0.1) {
            String[] hard = AMBIGUOUS[random.nextInt(AMBIGUOUS.length)];
            merchant = hard[0];
            category = CATEGORIES.indexOf(hard[1 + random.nextInt(2)]);
        } else {
            String[] known = MERCHANTS[2 * category];
            String[] later = MERCHANTS[2 * category + 1];
            // later merchants appear one by one from month 2 on, and take a growing share
            int available = Math.min(later.length, month - 1);
            boolean isNew = available > 0 && random.nextDouble() < Math.min(0.6, 0.15 * (month - 1));
            merchant = isNew ? later[random.nextInt(available)] : known[random.nextInt(known.length)];
        }
        String[] words = WORDS[category];
        StringBuilder items = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            // a word of another category, or one that says nothing, blurs the line items
            String word = u < 0.15 ? WORDS[random.nextInt(WORDS.length)][random.nextInt(4)]
                    : u < 0.35 ? GENERIC[random.nextInt(GENERIC.length)] : words[random.nextInt(words.length)];
            items.append(i == 0 ? "" : " ").append(noisy(random, noise, word));
        }
        String[] place = PLACES[random.nextDouble() < 0.55 ? 0 : random.nextInt(PLACES.length)];
        double amount = AMOUNT[category] * Math.exp(0.6 * gaussian(random));
        out.append(month).append(',').append(noisy(random, noise / 2, merchant)).append(',').append(items).append(',')
                .append(String.format(Locale.ROOT, "%.2f", amount)).append(',').append(place[1]).append(',')
                .append(place[0]).append(',').append(DAYS[category == 2 ? random.nextInt(7) : random.nextInt(5)])
                .append(',').append(PAYMENTS[random.nextInt(PAYMENTS.length)]).append(',')
                .append(CATEGORIES.get(category)).append('\n');
    }

    /** Random casing, an abbreviation or one typo, each with probability {@code noise}. */
    static String noisy(SplittableRandom random, double noise, String text) {
        String s = text;
        if (random.nextDouble() < noise) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(ABBREVIATIONS).entrySet()) {
                s = s.replace(e.getKey(), e.getValue());
            }
        }
        double casing = random.nextDouble();
        if (casing < noise) {
            s = s.toUpperCase(Locale.ROOT);
        } else if (casing < 2 * noise) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (random.nextDouble() < noise && s.length() > 3) {
            int at = 1 + random.nextInt(s.length() - 2);
            s = s.substring(0, at) + s.charAt(at + 1) + s.charAt(at) + s.substring(at + 2); // swap two letters
        }
        return s;
    }

    private static int pick(SplittableRandom random, double[] p) {
        double u = random.nextDouble();
        for (int c = 0; c < p.length - 1; c++) {
            u -= p[c];
            if (u < 0) {
                return c;
            }
        }
        return p.length - 1;
    }

    /** Box–Muller from the seeded stream (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void writeIfAbsent(Path file, String content) throws IOException {
        AtomicFiles.writeIfAbsent(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
