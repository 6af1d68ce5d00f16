package io.labelstream.devstack;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Which Kafka broker and PostgreSQL server the tests run against. The default is the embedded pair (an
 * in-process KRaft broker and embedded PostgreSQL binaries), which needs nothing but the JDK. With
 * {@code -Dlabelstream.test-infra=containers} or {@code LABELSTREAM_TEST_INFRA=containers} the tests
 * start Kafka and PostgreSQL as containers through Testcontainers instead, for those who have a container
 * engine and prefer the official images. The system property wins over the environment variable.
 */
public final class TestInfrastructureChoice {

    public static final String PROPERTY = "labelstream.test-infra";
    public static final String VARIABLE = "LABELSTREAM_TEST_INFRA";

    /** The two kinds of test infrastructure. */
    public enum Kind { EMBEDDED, CONTAINERS }

    private TestInfrastructureChoice() {
    }

    /** The choice of this JVM, checked against a real container engine. */
    public static Kind fromEnvironment() {
        return choose(System::getProperty, System::getenv, ContainerTestInfrastructure::engineAvailable);
    }

    /**
     * @param properties     system properties by name
     * @param environment    environment variables by name
     * @param engineAvailable whether a container engine answers; asked only when containers are chosen
     * @throws IllegalStateException for an unknown value, or containers without a container engine
     */
    public static Kind choose(UnaryOperator<String> properties, UnaryOperator<String> environment,
                              BooleanSupplier engineAvailable) {
        String property = properties.apply(PROPERTY);
        String value = isBlank(property) ? environment.apply(VARIABLE) : property;
        String source = isBlank(property) ? VARIABLE : "-D" + PROPERTY;
        if (isBlank(value)) {
            return Kind.EMBEDDED;
        }
        Kind kind = switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "embedded" -> Kind.EMBEDDED;
            case "containers" -> Kind.CONTAINERS;
            default -> throw new IllegalStateException(source + "=" + value
                    + " is not a test infrastructure: use 'embedded' (the default) or 'containers'");
        };
        if (kind == Kind.CONTAINERS && !engineAvailable.getAsBoolean()) {
            throw new IllegalStateException(source + "=" + value + " asks for Kafka and PostgreSQL in containers,"
                    + " but no container engine (Docker or a compatible one) answers on this machine: start one,"
                    + " or leave " + source + " unset to use the embedded Kafka broker and PostgreSQL");
        }
        return kind;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
