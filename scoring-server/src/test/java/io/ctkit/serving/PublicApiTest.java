package io.ctkit.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module's public API is {@link ScoringServer}, {@link ServerConfig} and the command line's
 * entry points; everything else is in {@code io.ctkit.serving.internal.*}, and the API's
 * signatures speak JDK types and its own types only (Testcontainers' rule), so internals can
 * change without breaking users.
 */
class PublicApiTest {

    static final List<String> API = List.of("ScoringServer", "ServerConfig", "ServeCommand", "ScoringServerMain");

    @Test
    void theApiPackageHoldsOnlyTheApiAsPublicClasses() throws Exception {
        Path classes = Path.of(ScoringServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/ctkit/serving");
        List<String> publicClasses = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("io.ctkit.serving." + name);
                if (Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null) {
                    publicClasses.add(type.getSimpleName());
                }
            }
        }

        assertThat(publicClasses).containsExactlyInAnyOrderElementsOf(API);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {ScoringServer.class, ServerConfig.class, ServeCommand.class, ScoringServerMain.class})
    void publicSignaturesUseOnlyJdkAndApiTypes(Class<?> api) {
        List<String> leaks = new ArrayList<>();
        List<Executable> members = new ArrayList<>(List.of(api.getMethods()));
        members.addAll(List.of(api.getConstructors()));
        for (Executable member : members) {
            if (member.getDeclaringClass() != api) {
                continue; // Object's methods
            }
            List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
            types.addAll(List.of(member.getGenericExceptionTypes()));
            if (member instanceof Method method) {
                types.add(method.getGenericReturnType());
            }
            for (Type type : types) {
                check(type, member.toString(), leaks);
            }
        }
        for (Field field : api.getFields()) {
            check(field.getGenericType(), field.toString(), leaks);
        }

        assertThat(leaks).isEmpty();
    }

    private static void check(Type type, String where, List<String> leaks) {
        if (type instanceof ParameterizedType parameterized) {
            check(parameterized.getRawType(), where, leaks);
            for (Type argument : parameterized.getActualTypeArguments()) {
                check(argument, where, leaks);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        boolean jdk = c.isPrimitive() || c.getName().startsWith("java.");
        boolean own = c.getPackageName().equals("io.ctkit.serving") && Modifier.isPublic(c.getModifiers());
        if (!jdk && !own) {
            leaks.add(where + " uses " + c.getName());
        }
    }
}
