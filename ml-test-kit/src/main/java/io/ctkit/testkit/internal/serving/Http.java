package io.ctkit.testkit.internal.serving;

import io.ctkit.testkit.internal.Evidence;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.net.URI;

/** REST Assured request specifications for a server, with Allure's filter when Allure is present. */
public final class Http {

    private static final boolean ALLURE_FILTER = Evidence.recorded() && present("io.qameta.allure.restassured.AllureRestAssured");

    private Http() {
    }

    /** A specification with the server's base URI (and the AllureRestAssured filter when present). */
    public static RequestSpecification specification(URI baseUri) {
        RequestSpecBuilder builder = new RequestSpecBuilder().setBaseUri(baseUri.toString());
        if (ALLURE_FILTER) {
            AllureFilter.add(builder);
        }
        return builder.build();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Http.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when allure-rest-assured is on the class path. */
    private static final class AllureFilter {
        static void add(RequestSpecBuilder builder) {
            builder.addFilter(new io.qameta.allure.restassured.AllureRestAssured());
        }
    }
}
