package io.github.timcallback.groupfull;

import java.nio.charset.StandardCharsets;

/**
 * Every way a callback request can be refused: one HTTP status, one {@code ErrorCode} and one
 * sentence each. The README's error table lists the same catalogue.
 *
 * <p>The answer bodies are rendered once, so a rejection costs no more than an acceptance.
 * Messages never contain what the caller sent: a hostile value cannot travel back in the answer.
 */
public enum Rejection {
    /** A request other than a POST. */
    METHOD_NOT_ALLOWED(405, 40501, "Only POST is accepted."),

    /** A query string with a broken {@code %XX} escape or bytes that are not UTF-8. */
    QUERY_MALFORMED(400, 40001, "The query string has a broken percent escape or is not UTF-8."),
    /** A parameter of this receiver's given twice with different values. */
    PARAMETER_AMBIGUOUS(400, 40002, "A query parameter is given more than once with different values."),
    /** No {@code SdkAppid} in the query. */
    SDKAPPID_MISSING(400, 40003, "The query parameter SdkAppid is missing."),
    /** An {@code SdkAppid} that is not a number. */
    SDKAPPID_MALFORMED(400, 40004, "The query parameter SdkAppid must be a number."),
    /** An {@code SdkAppid} that is not one of the configured SDKAppIDs. */
    SDKAPPID_UNKNOWN(403, 40301, "The SdkAppid is not this application's SDKAppID."),
    /** Another callback's {@code CallbackCommand}, or none, when it is not forwarded. */
    COMMAND_UNSUPPORTED(400, 40005,
            "The query parameter CallbackCommand must be Group.CallbackAfterGroupFull."),
    /** A {@code contenttype} other than {@code json}. */
    CONTENT_TYPE_UNSUPPORTED(400, 40006, "The query parameter contenttype must be json."),
    /** A {@code ClientIP} that is neither an IPv4 nor an IPv6 address. */
    CLIENT_IP_MALFORMED(400, 40007, "The query parameter ClientIP must be an IPv4 or IPv6 address."),

    /** No {@code Sign} or no {@code RequestTime}, with callback authentication on. */
    SIGNATURE_MISSING(401, 40101,
            "Callback authentication is on: the query parameters Sign and RequestTime are required."),
    /** A {@code RequestTime} that is not whole seconds in digits. */
    REQUEST_TIME_MALFORMED(401, 40102,
            "The query parameter RequestTime must be whole seconds since the epoch, digits only."),
    /** A {@code RequestTime} too far from the server's clock, either way. */
    REQUEST_TIME_STALE(401, 40103,
            "The query parameter RequestTime is too far from the server's clock."),
    /** A {@code Sign} that is not 64 hexadecimal digits. */
    SIGNATURE_MALFORMED(401, 40104, "The query parameter Sign must be 64 hexadecimal digits."),
    /** A {@code Sign} that matches no token of the callback's {@code SdkAppid}. */
    SIGNATURE_MISMATCH(401, 40105, "The query parameter Sign does not match the callback token of its SdkAppid."),

    /** A body over the configured limit ({@code maxBodyBytes}). */
    BODY_TOO_LARGE(413, 41301, "The request body is larger than this receiver accepts."),
    /** A body with a {@code Content-Encoding}. */
    BODY_ENCODED(415, 41501, "The request body must not be compressed: no Content-Encoding is accepted."),
    /** A body shorter than its {@code Content-Length}. */
    BODY_INCOMPLETE(400, 40010, "The request body ended before its declared Content-Length."),
    /** A body that is not UTF-8. */
    BODY_NOT_UTF8(400, 40011, "The request body is not valid UTF-8."),
    /** A body that is not one well-formed JSON value. */
    BODY_NOT_JSON(400, 40012, "The request body is not a single well-formed JSON value."),
    /** A JSON body that is not an object. */
    BODY_NOT_OBJECT(400, 40013, "The request body must be a JSON object."),
    /** A JSON body nested deeper than 32 levels. */
    BODY_TOO_DEEP(400, 40014, "The request body nests deeper than 32 levels."),
    /** A body without {@code GroupId}. */
    GROUP_ID_MISSING(400, 40015, "The field GroupId is missing."),
    /** A {@code GroupId} that is empty, too long, not a string or has control characters. */
    GROUP_ID_INVALID(400, 40016,
            "The field GroupId must be a non-empty string of at most 256 characters without control characters."),
    /** A body whose {@code CallbackCommand} differs from the query's. */
    BODY_COMMAND_MISMATCH(400, 40017,
            "The field CallbackCommand must be Group.CallbackAfterGroupFull, as in the query."),
    /** An {@code EventTime} that is not milliseconds since the epoch. */
    EVENT_TIME_INVALID(400, 40018,
            "The field EventTime must be milliseconds since the epoch, as a JSON number or a string of digits."),
    /** A {@code TopicId} that is too long, not a string or has control characters. */
    TOPIC_ID_INVALID(400, 40019,
            "The field TopicId must be a string of at most 256 characters without control characters."),
    /** A known field of the body given twice. */
    FIELD_REPEATED(400, 40020,
            "A field of the body (GroupId, CallbackCommand, EventTime or TopicId) appears more than once."),

    /** A synchronous observer threw. */
    OBSERVER_FAILED(500, 50001, "The application could not process the callback."),
    /** The receiver itself failed. */
    INTERNAL_ERROR(500, 50002, "The receiver failed unexpectedly."),

    /** No room for another asynchronous notification ({@code maxPendingAsync}). */
    ASYNC_BACKLOG_FULL(503, 50301,
            "The application's asynchronous observers are behind; the callback was not taken. Try again later."),
    /** A callback that reached the receiver while it stops. */
    STOPPING(503, 50302, "The receiver is stopping; the callback was not taken."),
    /** The delivery store could not take the callback. */
    STORE_UNAVAILABLE(503, 50303,
            "The receiver cannot store the callback now; it was not taken. Try again later.");

    private final int status;
    private final int errorCode;
    private final String message;
    private final byte[] body;

    Rejection(int status, int errorCode, String message) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
        this.body = ("{\"ActionStatus\":\"FAIL\",\"ErrorCode\":" + errorCode
                + ",\"ErrorInfo\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the HTTP status of the answer} */
    public int status() {
        return status;
    }

    /** {@return the {@code ErrorCode} of the answer}: never 0, which the protocol reserves for success. */
    public int errorCode() {
        return errorCode;
    }

    /** {@return the {@code ErrorInfo} of the answer} */
    public String message() {
        return message;
    }

    byte[] body() {
        return body;
    }

    /** This rejection as an exception, cheap to throw: it carries no stack trace. */
    Rejected exception() {
        return new Rejected(this);
    }

    /** Thrown wherever a request is found wanting; the servlet turns it into the answer. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Rejection rejection;

        Rejected(Rejection rejection) {
            super(rejection.name(), null, false, false);
            this.rejection = rejection;
        }

        Rejection rejection() {
            return rejection;
        }
    }
}
