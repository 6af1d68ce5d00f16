package io.labelstream.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A string of a request body that cannot be stored (see {@link SafeText}); its message is the reason. */
public class UnsafeTextException extends MismatchedInputException {

    public UnsafeTextException(JsonParser parser, String reason, Class<?> targetType) {
        super(parser, reason, targetType);
    }
}
