package io.ctkit.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of both samples over the sorted union of their categories. */
record CategoryCounts(List<String> categories, long[] reference, long[] current) {

    static CategoryCounts of(String[] reference, String[] current) {
        Samples.check(reference, "reference");
        Samples.check(current, "current");
        Map<String, long[]> counts = new TreeMap<>();
        for (String category : reference) {
            counts.computeIfAbsent(category, c -> new long[2])[0]++;
        }
        for (String category : current) {
            counts.computeIfAbsent(category, c -> new long[2])[1]++;
        }
        List<String> categories = new ArrayList<>(counts.keySet());
        long[] ref = new long[categories.size()];
        long[] cur = new long[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            long[] c = counts.get(categories.get(i));
            ref[i] = c[0];
            cur[i] = c[1];
        }
        return new CategoryCounts(List.copyOf(categories), ref, cur);
    }

    int referenceSize() {
        return (int) java.util.Arrays.stream(reference).sum();
    }

    int currentSize() {
        return (int) java.util.Arrays.stream(current).sum();
    }

    List<PsiResult.Bin> bins() {
        List<PsiResult.Bin> bins = new ArrayList<>(categories.size());
        for (int i = 0; i < categories.size(); i++) {
            bins.add(new PsiResult.Bin(categories.get(i), reference[i], current[i]));
        }
        return bins;
    }
}
