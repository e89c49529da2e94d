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
    METHOD_NOT_ALLOWED(405, 40501, "Only POST is accepted."),

    QUERY_MALFORMED(400, 40001, "The query string has a broken percent escape or is not UTF-8."),
    PARAMETER_AMBIGUOUS(400, 40002, "A query parameter is given more than once with different values."),
    SDKAPPID_MISSING(400, 40003, "The query parameter SdkAppid is missing."),
    SDKAPPID_MALFORMED(400, 40004, "The query parameter SdkAppid must be a number."),
    SDKAPPID_UNKNOWN(403, 40301, "The SdkAppid is not this application's SDKAppID."),
    COMMAND_UNSUPPORTED(400, 40005,
            "The query parameter CallbackCommand must be Group.CallbackAfterGroupFull."),
    CONTENT_TYPE_UNSUPPORTED(400, 40006, "The query parameter contenttype must be json."),
    CLIENT_IP_MALFORMED(400, 40007, "The query parameter ClientIP must be an IPv4 or IPv6 address."),

    SIGNATURE_MISSING(401, 40101,
            "Callback authentication is on: the query parameters Sign and RequestTime are required."),
    REQUEST_TIME_MALFORMED(401, 40102,
            "The query parameter RequestTime must be whole seconds since the epoch, digits only."),
    REQUEST_TIME_STALE(401, 40103,
            "The query parameter RequestTime is too far from the server's clock."),
    SIGNATURE_MALFORMED(401, 40104, "The query parameter Sign must be 64 hexadecimal digits."),
    SIGNATURE_MISMATCH(401, 40105, "The query parameter Sign does not match the callback token of its SdkAppid."),

    BODY_TOO_LARGE(413, 41301, "The request body is larger than this receiver accepts."),
    BODY_ENCODED(415, 41501, "The request body must not be compressed: no Content-Encoding is accepted."),
    BODY_INCOMPLETE(400, 40010, "The request body ended before its declared Content-Length."),
    BODY_NOT_UTF8(400, 40011, "The request body is not valid UTF-8."),
    BODY_NOT_JSON(400, 40012, "The request body is not a single well-formed JSON value."),
    BODY_NOT_OBJECT(400, 40013, "The request body must be a JSON object."),
    BODY_TOO_DEEP(400, 40014, "The request body nests deeper than 32 levels."),
    GROUP_ID_MISSING(400, 40015, "The field GroupId is missing."),
    GROUP_ID_INVALID(400, 40016,
            "The field GroupId must be a non-empty string of at most 256 characters without control characters."),
    BODY_COMMAND_MISMATCH(400, 40017,
            "The field CallbackCommand must be Group.CallbackAfterGroupFull, as in the query."),
    EVENT_TIME_INVALID(400, 40018,
            "The field EventTime must be milliseconds since the epoch, as a JSON number or a string of digits."),
    TOPIC_ID_INVALID(400, 40019,
            "The field TopicId must be a string of at most 256 characters without control characters."),
    FIELD_REPEATED(400, 40020,
            "A field of the body (GroupId, CallbackCommand, EventTime or TopicId) appears more than once."),

    OBSERVER_FAILED(500, 50001, "The application could not process the callback."),
    INTERNAL_ERROR(500, 50002, "The receiver failed unexpectedly."),

    ASYNC_BACKLOG_FULL(503, 50301,
            "The application's asynchronous observers are behind; the callback was not taken. Try again later."),
    STOPPING(503, 50302, "The receiver is stopping; the callback was not taken."),
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

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The {@code ErrorCode} of the answer; never 0, which the protocol reserves for success. */
    public int errorCode() {
        return errorCode;
    }

    /** The {@code ErrorInfo} of the answer. */
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
