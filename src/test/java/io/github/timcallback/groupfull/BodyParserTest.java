package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyParserTest {

    private static final BodyParser parser = new BodyParser();

    @AfterAll
    static void close() throws Exception {
        parser.close();
    }

    private static CallbackBody parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, bytes.length);
    }

    private static Rejection rejectionOf(String json) {
        return rejectionOf(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Rejection rejectionOf(byte[] bytes) {
        return assertThrows(Rejection.Rejected.class, () -> parser.parse(bytes, bytes.length)).rejection();
    }

    @Test
    void readsTheDocumentedSampleWithEventTimeAsString() {
        CallbackBody body = parse("""
                {
                "CallbackCommand": "Group.CallbackAfterGroupFull",
                "GroupId": "@TGS#2J4SZEAEL",
                "EventTime": "1670574414123"
                }""");
        assertEquals(new CallbackBody("@TGS#2J4SZEAEL", Instant.ofEpochMilli(1670574414123L), null), body);
    }

    @Test
    void readsEventTimeAsNumber() {
        CallbackBody body = parse("{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
                + "\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":1670574414123}");
        assertEquals(Instant.ofEpochMilli(1670574414123L), body.eventTime());
    }

    @Test
    void readsEventTimeZeroAsTheEpoch() {
        assertEquals(Instant.EPOCH, parse("{\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":0}").eventTime());
        assertEquals(Instant.EPOCH, parse("{\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":\"0\"}").eventTime());
    }

    @Test
    void readsABodyWithoutEventTime() {
        CallbackBody body = parse("{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#2J4SZEAEL\"}");
        assertEquals(new CallbackBody("@TGS#2J4SZEAEL", null, null), body);
    }

    @Test
    void readsTopicId() {
        CallbackBody body = parse("{\"GroupId\":\"@TGS#_@TGS#cQVLVHIM62CJ\",\"TopicId\":\"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic\","
                + "\"EventTime\":1670574414123}");
        assertEquals("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic", body.topicId());
    }

    @Test
    void acceptsABodyWithoutCallbackCommand() {
        assertEquals("g1", parse("{\"GroupId\":\"g1\"}").groupId());
    }

    @Test
    void ignoresUnknownFieldsOfAnyShape() {
        CallbackBody body = parse("{\"Future\":{\"a\":[1,2,{\"b\":null}]},\"GroupId\":\"g1\",\"List\":[[],{}],"
                + "\"Flag\":true,\"N\":1.5e300,\"S\":\"x\",\"Nil\":null}");
        assertEquals(new CallbackBody("g1", null, null), body);
    }

    @Test
    void keepsUnicodeGroupIds() {
        assertEquals("群组🙂 ñ", parse("{\"GroupId\":\"群组🙂 ñ\"}").groupId());
        assertEquals("群组🙂", parse("{\"GroupId\":\"\\u7fa4\\u7ec4\\ud83d\\ude42\"}").groupId());
    }

    @Test
    void treatsNullOptionalFieldsAndAnEmptyTopicIdAsAbsent() {
        assertEquals(new CallbackBody("g", null, null),
                parse("{\"GroupId\":\"g\",\"EventTime\":null,\"TopicId\":null,\"CallbackCommand\":null}"));
        assertNull(parse("{\"GroupId\":\"g\",\"TopicId\":\"\"}").topicId());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|BODY_NOT_JSON",
        "`   `|BODY_NOT_JSON",
        "`{`|BODY_NOT_JSON",
        "`{\"GroupId\":\"g\"`|BODY_NOT_JSON",
        "`{\"GroupId\":\"g\"} x`|BODY_NOT_JSON",
        "`{\"GroupId\":\"g\"}{\"GroupId\":\"g\"}`|BODY_NOT_JSON",
        "`{\"GroupId\":'g'}`|BODY_NOT_JSON",
        "`[]`|BODY_NOT_OBJECT",
        "`[{\"GroupId\":\"g\"}]`|BODY_NOT_OBJECT",
        "`\"text\"`|BODY_NOT_OBJECT",
        "`42`|BODY_NOT_OBJECT",
        "`null`|BODY_NOT_OBJECT",
        "`{}`|GROUP_ID_MISSING",
        "`{\"groupid\":\"g\"}`|GROUP_ID_MISSING",
        "`{\"GroupId\":\"\"}`|GROUP_ID_INVALID",
        "`{\"GroupId\":null}`|GROUP_ID_INVALID",
        "`{\"GroupId\":12345}`|GROUP_ID_INVALID",
        "`{\"GroupId\":[\"g\"]}`|GROUP_ID_INVALID",
        "`{\"GroupId\":\"a\\u0000b\"}`|GROUP_ID_INVALID",
        "`{\"GroupId\":\"a\\nb\"}`|GROUP_ID_INVALID",
        "`{\"GroupId\":\"a\\ud800\"}`|GROUP_ID_INVALID",
        "`{\"GroupId\":\"\\udc00a\"}`|GROUP_ID_INVALID",
        "`{\"GroupId\":\"g\",\"TopicId\":\"t\\ud83d\"}`|TOPIC_ID_INVALID",
        "`{\"GroupId\":\"g\",\"GroupId\":\"h\"}`|FIELD_REPEATED",
        "`{\"GroupId\":\"g\",\"EventTime\":1,\"EventTime\":1}`|FIELD_REPEATED",
        "`{\"GroupId\":\"g\",\"CallbackCommand\":\"Group.CallbackAfterNewMemberJoin\"}`|BODY_COMMAND_MISMATCH",
        "`{\"GroupId\":\"g\",\"CallbackCommand\":1}`|BODY_COMMAND_MISMATCH",
        "`{\"GroupId\":\"g\",\"EventTime\":\"\"}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":\"soon\"}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":-1}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":\"-1\"}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":1.5}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":1e12}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":1.5e1}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":1670574414123.0}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":-0}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":99999999999999999999999}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":true}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"EventTime\":{}}`|EVENT_TIME_INVALID",
        "`{\"GroupId\":\"g\",\"TopicId\":7}`|TOPIC_ID_INVALID",
    })
    void rejectsMalformedBodiesNamingTheProblem(String json, Rejection expected) {
        assertEquals(expected, rejectionOf(json));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        assertEquals(Rejection.BODY_NOT_UTF8, rejectionOf(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}));
        assertEquals(Rejection.BODY_NOT_UTF8, rejectionOf(new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'}));
    }

    @Test
    void rejectsAByteOrderMark() {
        byte[] json = "{\"GroupId\":\"g\"}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertEquals(Rejection.BODY_NOT_JSON, rejectionOf(withBom));
    }

    @Test
    void rejectsGroupIdsLongerThanAnyRealOne() {
        assertEquals("g".repeat(256), parse("{\"GroupId\":\"" + "g".repeat(256) + "\"}").groupId());
        assertEquals(Rejection.GROUP_ID_INVALID, rejectionOf("{\"GroupId\":\"" + "g".repeat(257) + "\"}"));
    }

    @Test
    void skipsUnknownFieldsNestedUpToTheLimit() {
        String nested = "[".repeat(BodyParser.MAX_SKIPPED_DEPTH) + "]".repeat(BodyParser.MAX_SKIPPED_DEPTH);
        assertEquals("g", parse("{\"x\":" + nested + ",\"GroupId\":\"g\"}").groupId());
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertEquals(Rejection.BODY_TOO_DEEP, rejectionOf("{\"GroupId\":\"g\",\"x\":" + deep + "}"));
        assertEquals(Rejection.BODY_NOT_OBJECT, rejectionOf(deep));
    }
}
