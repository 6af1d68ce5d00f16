package io.labelstream.console;

import io.smallrye.config.ConfigMapping;

import java.util.Map;
import java.util.Optional;

/** Where the services are and whether the console runs in the local stack. */
@ConfigMapping(prefix = "labelstream.console")
public interface ConsoleConfig {

    /** Base URL of each service by its short name ({@code ingestion}, {@code assignment}, …). */
    Map<String, String> services();

    /**
     * The local stack's file of demo users' tokens ({@code TOKEN_ALICE=…} lines). Set only by the local
     * launcher: without it the sign-in page offers no demo users and asks for a bearer token.
     */
    Optional<String> demoTokensFile();

    /** Topic of the project definitions the console lists to their members. */
    String projectsTopic();
}
