package io.ctkit.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link Section}s installed on the class path (ServiceLoader), read once. */
final class Sections {
    private static final List<Section<?>> INSTALLED = load();

    private Sections() {
    }

    static List<Section<?>> installed() {
        return INSTALLED;
    }

    private static List<Section<?>> load() {
        Map<String, Section<?>> byKey = new LinkedHashMap<>();
        for (Section<?> s : ServiceLoader.load(Section.class, Section.class.getClassLoader())) {
            Section<?> previous = byKey.putIfAbsent(s.key(), s);
            if (previous != null && previous.getClass() != s.getClass()) {
                throw new IllegalStateException("two ctkit.yaml sections are named " + s.key() + ": "
                        + previous.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        return List.copyOf(new ArrayList<>(byKey.values()));
    }
}
