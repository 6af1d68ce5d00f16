package io.labelstream.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Which body limit applies to a request path: the first named limit whose pattern matches, else the default. */
public final class BodyLimits {

    private final Map<Pattern, Long> byPath;
    private final long fallback;

    public BodyLimits(Map<String, Long> byPathPattern, long fallback) {
        this.byPath = new LinkedHashMap<>();
        byPathPattern.forEach((pattern, limit) -> byPath.put(Pattern.compile(pattern), limit));
        this.fallback = fallback;
    }

    public long limitOf(String path) {
        for (Map.Entry<Pattern, Long> limit : byPath.entrySet()) {
            if (limit.getKey().matcher(path).matches()) {
                return limit.getValue();
            }
        }
        return fallback;
    }

    /** The declared length of a body, if it is a number; a missing or unreadable header declares none. */
    public static OptionalLong declaredLength(String contentLength) {
        if (contentLength == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(contentLength.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
