package io.github.timcallback.groupfull;

import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns body bytes into a {@link CallbackBody} with JSON-B, or rejects them.
 *
 * <p>The body is read field by field from the JSON-B parser rather than bound by reflection:
 * the vendor sends {@code EventTime} as a number or as a string of digits, and a reflective
 * binding would also quietly coerce a numeric {@code GroupId} to text. Only the four known
 * fields are looked at; any other field is skipped unread, whatever its type or depth.
 *
 * <p>Choices for input the vendor never sends: a known field given twice is refused as
 * ambiguous (duplicate unknown fields are skipped like any unknown field); {@code null} for an
 * optional field counts as absent, and so does an empty {@code TopicId}; a byte order mark is
 * refused, since RFC 8259 forbids sending one; an unknown field nested deeper than
 * {@value #MAX_SKIPPED_DEPTH} levels is refused.
 *
 * <p>One instance is thread-safe and is built once: building a {@link Jsonb} is expensive.
 */
final class BodyParser implements AutoCloseable {

    static final int MAX_ID_LENGTH = 256;
    /** How deep an unknown field may nest; the vendor's bodies are flat. */
    static final int MAX_SKIPPED_DEPTH = 32;

    /** How JSON values other than an object begin: an array, a string, a number, true, false, null. */
    private static final String OTHER_VALUE_STARTS = "[\"-0123456789tfn";

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withDeserializers(new Fields()));

    /**
     * Parses {@code body[0, length)}.
     *
     * @throws Rejection.Rejected when the bytes are not UTF-8, not JSON, or not a valid callback body
     */
    CallbackBody parse(byte[] body, int length) {
        int start = skipWhitespace(body, 0, length);
        if (start == length || body[start] != '{') {
            if (!Utf8.isValid(body, length)) {
                throw Rejection.BODY_NOT_UTF8.exception();
            }
            // Told apart here, as JSON-B's failures do not say whether the JSON was well formed.
            throw (start < length && OTHER_VALUE_STARTS.indexOf(body[start]) >= 0
                    ? Rejection.BODY_NOT_OBJECT : Rejection.BODY_NOT_JSON).exception();
        }
        CallbackBody parsed;
        try {
            // Decoded (and checked to be UTF-8) while JSON-B reads, rather than copied into a String first.
            parsed = jsonb.fromJson(new Utf8.Reader(body, length), CallbackBody.class);
        } catch (JsonbException | JsonException | ArithmeticException | NumberFormatException e) {
            throw rejectionIn(e);
        } catch (StackOverflowError e) {
            throw Rejection.BODY_NOT_JSON.exception();
        }
        // JSON-B stops at the end of the object and says nothing of what follows: only this scan
        // sees it, and it must be whitespace.
        if (skipWhitespace(body, endOfObject(body, start, length), length) != length) {
            throw Rejection.BODY_NOT_JSON.exception();
        }
        return parsed;
    }

    private static int skipWhitespace(byte[] json, int from, int length) {
        int i = from;
        while (i < length && isWhitespace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /**
     * Where the object opened at {@code start} ends. Only called on text that JSON-B has just
     * read as one object, so counting brackets outside strings is enough; the bytes of a
     * multi-byte UTF-8 character are never mistaken for them, as they are all above 0x7F.
     */
    private static int endOfObject(byte[] json, int start, int length) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return length;
    }

    private static Rejection.Rejected rejectionIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rejection.Rejected rejected) {
                return rejected;
            }
            if (t instanceof CharacterCodingException) {
                return Rejection.BODY_NOT_UTF8.exception();
            }
        }
        return Rejection.BODY_NOT_JSON.exception();
    }

    @Override
    public void close() throws Exception {
        jsonb.close();
    }

    /** Reads the body object's fields straight from the parser. */
    private static final class Fields implements JsonbDeserializer<CallbackBody> {

        /** The body fields a group-full callback has. */
        private enum Field { GROUP_ID, COMMAND, EVENT_TIME, TOPIC_ID }

        @Override
        public CallbackBody deserialize(JsonParser parser, DeserializationContext context, Type type) {
            // JSON-B has read the opening brace: BodyParser let nothing but an object through.
            Set<Field> seen = EnumSet.noneOf(Field.class);
            String groupId = null;
            Instant eventTime = null;
            String topicId = null;
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT;
                    event = parser.next()) {
                String name = parser.getString();
                JsonParser.Event value = parser.next();
                Field field = switch (name) {
                    case "GroupId" -> Field.GROUP_ID;
                    case "CallbackCommand" -> Field.COMMAND;
                    case "EventTime" -> Field.EVENT_TIME;
                    case "TopicId" -> Field.TOPIC_ID;
                    default -> null;
                };
                if (field == null) {
                    skip(parser, value);
                    continue;
                }
                if (!seen.add(field)) {
                    throw Rejection.FIELD_REPEATED.exception();
                }
                switch (field) {
                    case GROUP_ID -> groupId = groupId(parser, value);
                    case COMMAND -> command(parser, value);
                    case EVENT_TIME -> eventTime = eventTime(parser, value);
                    case TOPIC_ID -> topicId = topicId(parser, value);
                }
            }
            if (groupId == null) {
                throw Rejection.GROUP_ID_MISSING.exception();
            }
            return new CallbackBody(groupId, eventTime, topicId);
        }

        private static String groupId(JsonParser parser, JsonParser.Event value) {
            if (value == JsonParser.Event.VALUE_STRING) {
                String id = parser.getString();
                if (!id.isEmpty() && isPlainText(id)) {
                    return id;
                }
            }
            throw Rejection.GROUP_ID_INVALID.exception();
        }

        private static void command(JsonParser parser, JsonParser.Event value) {
            if (value != JsonParser.Event.VALUE_NULL && (value != JsonParser.Event.VALUE_STRING
                    || !CallbackQuery.COMMAND.equals(parser.getString()))) {
                throw Rejection.BODY_COMMAND_MISMATCH.exception();
            }
        }

        private static Instant eventTime(JsonParser parser, JsonParser.Event value) {
            if (value == JsonParser.Event.VALUE_NULL) {
                return null;
            }
            if (value == JsonParser.Event.VALUE_STRING || value == JsonParser.Event.VALUE_NUMBER) {
                // Digits only, as text: a fraction, an exponent or a sign in a number is refused too.
                long millis = Ascii.parseDigits(parser.getString(), 18);
                if (millis >= 0) {
                    return Instant.ofEpochMilli(millis);
                }
            }
            throw Rejection.EVENT_TIME_INVALID.exception();
        }

        private static String topicId(JsonParser parser, JsonParser.Event value) {
            if (value == JsonParser.Event.VALUE_NULL) {
                return null;
            }
            if (value == JsonParser.Event.VALUE_STRING) {
                String id = parser.getString();
                if (id.isEmpty()) {
                    return null;
                }
                if (isPlainText(id)) {
                    return id;
                }
            }
            throw Rejection.TOPIC_ID_INVALID.exception();
        }

        /** Skips an unknown field's value, refusing nesting that no callback has. */
        private static void skip(JsonParser parser, JsonParser.Event value) {
            int depth = 0;
            JsonParser.Event event = value;
            while (true) {
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_SKIPPED_DEPTH) {
                        throw Rejection.BODY_TOO_DEEP.exception();
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
                if (depth == 0) {
                    return;
                }
                event = parser.next();
            }
        }

        /** Not too long for an id, free of control characters (NUL, newlines, ...) and of broken UTF-16. */
        private static boolean isPlainText(String s) {
            int length = s.length();
            if (length > MAX_ID_LENGTH) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (Character.isISOControl(c)) {
                    return false;
                }
                if (Character.isSurrogate(c)) {
                    // A lone surrogate half, which a JSON escape can produce, is not text.
                    if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                }
            }
            return true;
        }
    }
}
