package io.ctkit.testkit.internal.quality;

import io.ctkit.testkit.Perturbation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A perturbation with its description; the row is copied before it is changed, so the data stays as read. */
public record NamedPerturbation(String description, Change change) implements Perturbation {

    /** The change, given a copy of the row and the row's index. */
    public interface Change {
        /** The changed row. */
        Map<String, Object> apply(Map<String, Object> row, int index);
    }

    public NamedPerturbation {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(change, "change");
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> row, int index) {
        return change.apply(new LinkedHashMap<>(row), index);
    }

    @Override
    public String toString() {
        return description;
    }
}
