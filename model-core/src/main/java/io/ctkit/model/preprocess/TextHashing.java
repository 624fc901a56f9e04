package io.ctkit.model.preprocess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the {@code hash} op turns text into bucket indices. Defined exactly so that other
 * languages reproduce it:
 *
 * <ol>
 *   <li>Lower-case the whole text with the Unicode default full case mapping
 *       ({@code String.toLowerCase(Locale.ROOT)} in Java, {@code str.lower()} in Python).
 *   <li>Tokens are the maximal runs of code points whose Unicode general category is a letter
 *       ({@code L*}), a mark ({@code M*}) or a number ({@code N*}); everything else separates
 *       tokens. No normalization, no stop words.
 *   <li>A token's bucket is {@code murmur3_32(utf8(token), seed 0)} read as an unsigned 32-bit
 *       integer, modulo the number of buckets (Python:
 *       {@code sklearn.utils.murmurhash3_32(token, seed=0, positive=True) % buckets}).
 * </ol>
 */
public final class TextHashing {

    private TextHashing() {
    }

    /** The tokens of {@code text}, in order, repeats kept. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        forEachToken(text, tokens::add);
        return tokens;
    }

    /** The bucket of one token. */
    public static int bucket(String token, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be positive: " + buckets);
        }
        int hash = Murmur3.hash32(token.getBytes(StandardCharsets.UTF_8), 0);
        return Integer.remainderUnsigned(hash, buckets);
    }

    static void forEachToken(String text, java.util.function.Consumer<String> sink) {
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        int i = 0;
        while (i < lower.length()) {
            int codePoint = lower.codePointAt(i);
            if (isTokenCodePoint(codePoint)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                sink.accept(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            sink.accept(lower.substring(start));
        }
    }

    private static boolean isTokenCodePoint(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }
}
