package io.labelstream.platform.problem;

/** The {@code type} URI of a problem, one per status, documented in docs/architecture.md. */
final class ProblemTypes {

    private ProblemTypes() {
    }

    static String of(int status) {
        return switch (status) {
            case 400 -> "urn:labelstream:problem:bad-request";
            case 401 -> "urn:labelstream:problem:unauthorized";
            case 403 -> "urn:labelstream:problem:forbidden";
            case 404 -> "urn:labelstream:problem:not-found";
            case 405 -> "urn:labelstream:problem:method-not-allowed";
            case 406 -> "urn:labelstream:problem:not-acceptable";
            case 409 -> "urn:labelstream:problem:conflict";
            case 410 -> "urn:labelstream:problem:gone";
            case 413 -> "urn:labelstream:problem:too-large";
            case 415 -> "urn:labelstream:problem:unsupported-media-type";
            case 431 -> "urn:labelstream:problem:headers-too-large";
            case 422 -> "urn:labelstream:problem:invalid";
            default -> status >= 500 ? "urn:labelstream:problem:internal" : "about:blank";
        };
    }
}
