package io.github.timcallback.groupfull.jetty;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Named;

/**
 * The hostile suite: malformed and hostile requests, as raw bytes, each of which the receiver
 * must refuse with a 4xx JSON FAIL and no event. {@link HostileInputJettyIT} sends it to the
 * embedded receiver; the container tests send it through each real container, to find what a
 * container refuses itself before the receiver sees it.
 *
 * <p>Where the receiver authenticates, {@code signature} ({@code RequestTime=...&Sign=...}) is
 * appended to every query, so that what follows the signature check is reached.
 */
public final class HostileRequests {

    public static final String APP = "1400000001";
    public static final String QUERY = "SdkAppid=" + APP + "&CallbackCommand=Group.CallbackAfterGroupFull"
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
    public static final String BODY = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#2J4SZEAEL\","
            + "\"EventTime\":\"1670574414123\"}";
    /** Larger than any receiver's body limit in these tests (the default is 16 KiB). */
    static final int LIMIT = 256 * 1024;

    private final String path;
    private final String signature;

    /**
     * @param path      the callback's path, from the server's root
     * @param signature query parameters to append to every query, or ""
     */
    public HostileRequests(String path, String signature) {
        this.path = path;
        this.signature = signature;
    }

    /** The request target for {@code query} ("", "?..." or without the "?"), with the signature. */
    private String target(String query) {
        String q = query.isEmpty() || query.startsWith("?") ? query : "?" + query;
        if (signature.isEmpty()) {
            return path + q;
        }
        return path + (q.length() <= 1 ? "?" : q + "&") + signature;
    }

    /** Genuine callbacks, to show that a harness gets a callback through at all. */
    public List<Named<byte[]>> genuine() {
        return List.of(
                Named.of("plain sample", post(QUERY, utf8(BODY))),
                Named.of("chunked sample", chunked(QUERY, utf8(BODY), "B\r\n")),
                Named.of("unknown field holding a 100,000-character string",
                        post(QUERY, utf8("{\"GroupId\":\"g\",\"Note\":\"" + "n".repeat(100_000) + "\"}"))));
    }

    /** Every hostile request, named for the failure message. */
    public List<Named<byte[]>> hostile() throws Exception {
        List<Named<byte[]>> cases = new ArrayList<>();
        // --- methods (TRACE never reaches a web application: containers refuse it themselves)
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO", "post")) {
            cases.add(Named.of("method " + method, request(method, "?" + QUERY, utf8(BODY))));
        }
        // --- query string
        String command = "&CallbackCommand=Group.CallbackAfterGroupFull";
        add(cases, "no query string", "", BODY);
        add(cases, "empty query string", "?", BODY);
        add(cases, "only separators", "?&&&&=&=", BODY);
        add(cases, "SdkAppid with NUL escape", "?SdkAppid=1400000001%00" + command, BODY);
        add(cases, "SdkAppid with broken escape %zz", "?SdkAppid=%zz" + command, BODY);
        add(cases, "query ending in %", "?SdkAppid=1400000001" + command + "%", BODY);
        add(cases, "truncated escape %4", "?SdkAppid=1400000001" + command + "&x=%4", BODY);
        add(cases, "escape of invalid UTF-8 %C3%28", "?SdkAppid=1400000001" + command + "&x=%C3%28", BODY);
        add(cases, "escaped UTF-16 surrogate %ED%A0%80", "?SdkAppid=1400000001" + command + "&x=%ED%A0%80", BODY);
        add(cases, "escape beyond U+10FFFF", "?SdkAppid=1400000001" + command + "&x=%F4%90%80%80", BODY);
        add(cases, "overlong escape %C0%AF", "?SdkAppid=1400000001" + command + "&x=%C0%AF", BODY);
        add(cases, "escape %FF", "?SdkAppid=1400000001" + command + "&x=%FF", BODY);
        add(cases, "double-encoded SdkAppid", "?SdkAppid=%2531400000001" + command, BODY);
        add(cases, "SdkAppid of 10,000 digits", "?SdkAppid=" + "1".repeat(10_000) + command, BODY);
        add(cases, "negative SdkAppid", "?SdkAppid=-1400000001" + command, BODY);
        add(cases, "SdkAppid with plus", "?SdkAppid=+1400000001" + command, BODY);
        add(cases, "SdkAppid with full-width digits", "?SdkAppid=%EF%BC%91400000001" + command, BODY);
        add(cases, "SdkAppid of another app", "?SdkAppid=1400000002" + command, BODY);
        add(cases, "SdkAppid with leading zero", "?SdkAppid=01400000001" + command, BODY);
        add(cases, "SdkAppid in other case", "?sdkappid=1400000001" + command, BODY);
        add(cases, "SdkAppid given twice, differently", "?SdkAppid=1400000002&" + QUERY, BODY);
        add(cases, "CallbackCommand given twice, differently", "?" + QUERY + "&CallbackCommand=Group.CallbackAfterNewMemberJoin", BODY);
        add(cases, "CallbackCommand missing", "?SdkAppid=1400000001", BODY);
        add(cases, "CallbackCommand in lower case", "?SdkAppid=1400000001&CallbackCommand=group.callbackaftergroupfull", BODY);
        add(cases, "CallbackCommand with NUL suffix", "?SdkAppid=1400000001" + command + "%00", BODY);
        add(cases, "CallbackCommand of another callback", "?SdkAppid=1400000001&CallbackCommand=Group.CallbackBeforeSendMsg", BODY);
        add(cases, "contenttype xml", "?" + QUERY.replace("contenttype=json", "contenttype=xml"), BODY);
        add(cases, "contenttype json with NUL", "?" + QUERY.replace("contenttype=json", "contenttype=json%00"), BODY);
        add(cases, "ClientIP a host name", "?" + QUERY.replace("127.0.0.1", "localhost"), BODY);
        add(cases, "ClientIP of five parts", "?" + QUERY.replace("127.0.0.1", "1.2.3.4.5"), BODY);
        add(cases, "ClientIP with CRLF injection", "?" + QUERY.replace("127.0.0.1", "127.0.0.1%0D%0ASet-Cookie:x"), BODY);
        add(cases, "ClientIP of 20,000 characters", "?" + QUERY.replace("127.0.0.1", "1".repeat(20_000)), BODY);
        add(cases, "ClientIP with zone id", "?" + QUERY.replace("127.0.0.1", "fe80::1%25eth0"), BODY);
        add(cases, "enormous query of broken escapes", "?" + QUERY + "&x=" + "%G".repeat(20_000), BODY);
        add(cases, "enormous query of 20,000 empty parameters without SdkAppid", "?" + "x&".repeat(20_000), BODY);
        add(cases, "semicolon separators", "?SdkAppid=1400000001;CallbackCommand=Group.CallbackAfterGroupFull", BODY);
        add(cases, "Sign without the app", "?Sign=abc&RequestTime=1", BODY);
        // --- body: not JSON, or not an object
        add(cases, "empty body", "?" + QUERY, "");
        add(cases, "whitespace body", "?" + QUERY, " \r\n\t ");
        add(cases, "body null", "?" + QUERY, "null");
        add(cases, "body true", "?" + QUERY, "true");
        add(cases, "body number", "?" + QUERY, "42");
        add(cases, "body string", "?" + QUERY, "\"@TGS#2J4SZEAEL\"");
        add(cases, "body array of the sample", "?" + QUERY, "[" + BODY + "]");
        add(cases, "form-encoded body", "?" + QUERY, "GroupId=%40TGS%232J4SZEAEL");
        add(cases, "XML body", "?" + QUERY, "<GroupId>@TGS#2J4SZEAEL</GroupId>");
        // --- depth and size
        add(cases, "10,000 nested arrays", "?" + QUERY, "[".repeat(10_000) + "]".repeat(10_000));
        add(cases, "10,000 nested objects in an unknown field", "?" + QUERY,
                "{\"GroupId\":\"g\",\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}");
        add(cases, "10,000 nested arrays in an unknown field", "?" + QUERY,
                "{\"GroupId\":\"g\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        add(cases, "10,000 unclosed arrays", "?" + QUERY, "{\"GroupId\":\"g\",\"x\":" + "[".repeat(10_000));
        add(cases, "EventTime 1e999999", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":1e999999}");
        add(cases, "EventTime of 5,000 digits", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":" + "9".repeat(5_000) + "}");
        add(cases, "EventTime string of 5,000 digits", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":\"" + "9".repeat(5_000) + "\"}");
        add(cases, "EventTime of 19 digits", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":9999999999999999999}");
        add(cases, "EventTime -0", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":-0}");
        add(cases, "EventTime negative", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":-1670574414123}");
        add(cases, "EventTime fractional", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":1670574414123.5}");
        add(cases, "EventTime exponent", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":1.670574414123E12}");
        add(cases, "EventTime with leading zero number", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":0123}");
        add(cases, "EventTime string with spaces", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":\" 1670574414123\"}");
        add(cases, "EventTime empty string", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":\"\"}");
        add(cases, "EventTime NaN", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":NaN}");
        add(cases, "EventTime Infinity", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":Infinity}");
        add(cases, "EventTime hex", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":0x1F}");
        add(cases, "EventTime object", "?" + QUERY, "{\"GroupId\":\"g\",\"EventTime\":{\"ms\":1}}");
        add(cases, "huge number in an unknown field", "?" + QUERY, "{\"X\":1e999999999999}");
        add(cases, "GroupId of 100,000 characters", "?" + QUERY, "{\"GroupId\":\"" + "g".repeat(100_000) + "\"}");
        add(cases, "TopicId of 100,000 characters", "?" + QUERY, "{\"GroupId\":\"g\",\"TopicId\":\"" + "t".repeat(100_000) + "\"}");
        add(cases, "100,000-character key", "?" + QUERY, "{\"" + "k".repeat(100_000) + "\":1}");
        add(cases, "GroupId number", "?" + QUERY, "{\"GroupId\":123}");
        add(cases, "GroupId true", "?" + QUERY, "{\"GroupId\":true}");
        add(cases, "GroupId null", "?" + QUERY, "{\"GroupId\":null}");
        add(cases, "GroupId array", "?" + QUERY, "{\"GroupId\":[\"g\"]}");
        add(cases, "GroupId object", "?" + QUERY, "{\"GroupId\":{\"id\":\"g\"}}");
        add(cases, "GroupId empty", "?" + QUERY, "{\"GroupId\":\"\"}");
        add(cases, "GroupId missing", "?" + QUERY, "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\"}");
        add(cases, "GroupId with lone surrogate escape", "?" + QUERY, "{\"GroupId\":\"g\\ud800\"}");
        add(cases, "GroupId with escaped NUL", "?" + QUERY, "{\"GroupId\":\"g\\u0000\"}");
        add(cases, "GroupId with escaped newline (log injection)", "?" + QUERY, "{\"GroupId\":\"g\\nINFO: forged\"}");
        add(cases, "TopicId number", "?" + QUERY, "{\"GroupId\":\"g\",\"TopicId\":1}");
        add(cases, "CallbackCommand of another callback in body", "?" + QUERY, "{\"GroupId\":\"g\",\"CallbackCommand\":\"Group.CallbackAfterNewMemberJoin\"}");
        add(cases, "CallbackCommand array in body", "?" + QUERY, "{\"GroupId\":\"g\",\"CallbackCommand\":[]}");
        // --- encoding
        add(cases, "invalid UTF-8 lone continuation byte", "?" + QUERY, bytes("{\"GroupId\":\"g", 0x80, "\"}"));
        add(cases, "invalid UTF-8 overlong slash", "?" + QUERY, bytes("{\"GroupId\":\"g", 0xC0, 0xAF, "\"}"));
        add(cases, "invalid UTF-8 encoded surrogate", "?" + QUERY, bytes("{\"GroupId\":\"g", 0xED, 0xA0, 0x80, "\"}"));
        add(cases, "invalid UTF-8 truncated sequence at end", "?" + QUERY, bytes("{\"GroupId\":\"g\"}", 0xE4, 0xB8));
        add(cases, "invalid UTF-8 byte FF", "?" + QUERY, bytes("{\"GroupId\":\"g", 0xFF, "\"}"));
        add(cases, "invalid UTF-8 beyond U+10FFFF", "?" + QUERY, bytes("{\"GroupId\":\"g", 0xF4, 0x90, 0x80, 0x80, "\"}"));
        add(cases, "Latin-1 body", "?" + QUERY, "{\"GroupId\":\"café\"}".getBytes(ISO_8859_1));
        add(cases, "raw NUL inside a string", "?" + QUERY, bytes("{\"GroupId\":\"g", 0x00, "\"}"));
        add(cases, "raw NUL before the object", "?" + QUERY, bytes("", 0x00, BODY));
        add(cases, "raw NUL after the object", "?" + QUERY, bytes(BODY, 0x00));
        add(cases, "UTF-8 byte order mark", "?" + QUERY, bytes("", 0xEF, 0xBB, 0xBF, BODY));
        add(cases, "UTF-16 body with byte order mark", "?" + QUERY, BODY.getBytes(Charset.forName("UTF-16")));
        add(cases, "UTF-16LE body", "?" + QUERY, BODY.getBytes(Charset.forName("UTF-16LE")));
        add(cases, "UTF-32 body", "?" + QUERY, BODY.getBytes(Charset.forName("UTF-32")));
        add(cases, "raw tab inside a string", "?" + QUERY, "{\"GroupId\":\"g\tg\"}");
        add(cases, "invalid escape \\x41", "?" + QUERY, "{\"GroupId\":\"\\x41\"}");
        add(cases, "truncated unicode escape", "?" + QUERY, "{\"GroupId\":\"\\u12\"}");
        // --- duplicates, trailing and truncated
        add(cases, "GroupId twice", "?" + QUERY, "{\"GroupId\":\"a\",\"GroupId\":\"b\"}");
        add(cases, "GroupId twice, same value", "?" + QUERY, "{\"GroupId\":\"a\",\"GroupId\":\"a\"}");
        add(cases, "EventTime twice", "?" + QUERY, "{\"GroupId\":\"a\",\"EventTime\":1,\"EventTime\":\"2\"}");
        add(cases, "TopicId twice", "?" + QUERY, "{\"GroupId\":\"a\",\"TopicId\":\"x\",\"TopicId\":\"y\"}");
        add(cases, "CallbackCommand twice", "?" + QUERY, "{\"GroupId\":\"a\",\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
                + "\"CallbackCommand\":\"Group.CallbackAfterGroupFull\"}");
        add(cases, "trailing garbage", "?" + QUERY, BODY + " garbage");
        add(cases, "trailing closing brace", "?" + QUERY, BODY + "}");
        add(cases, "trailing closing bracket", "?" + QUERY, BODY + "]");
        add(cases, "two objects", "?" + QUERY, BODY + BODY);
        add(cases, "two objects with a comma", "?" + QUERY, BODY + "," + BODY);
        add(cases, "object then number", "?" + QUERY, BODY + " 1");
        add(cases, "truncated after opening brace", "?" + QUERY, "{");
        add(cases, "truncated after key", "?" + QUERY, "{\"GroupId\"");
        add(cases, "truncated after colon", "?" + QUERY, "{\"GroupId\":");
        add(cases, "truncated inside a string", "?" + QUERY, "{\"GroupId\":\"@TGS#2J4");
        add(cases, "truncated after a comma", "?" + QUERY, "{\"GroupId\":\"g\",");
        add(cases, "sample cut in half", "?" + QUERY, BODY.substring(0, BODY.length() / 2));
        add(cases, "single quotes", "?" + QUERY, "{'GroupId':'g'}");
        add(cases, "unquoted key", "?" + QUERY, "{GroupId:\"g\"}");
        add(cases, "trailing comma", "?" + QUERY, "{\"GroupId\":\"g\",}");
        add(cases, "comment", "?" + QUERY, "{/* c */\"GroupId\":\"g\"}");
        add(cases, "missing colon", "?" + QUERY, "{\"GroupId\" \"g\"}");
        add(cases, "missing comma", "?" + QUERY, "{\"GroupId\":\"g\" \"TopicId\":\"t\"}");
        // --- headers and framing
        add(cases, "body over the limit with a Content-Length", "?" + QUERY, "{\"GroupId\":\"g\",\"x\":\"" + "x".repeat(LIMIT) + "\"}");
        cases.add(Named.of("chunked body over the limit",
                chunked("?" + QUERY, utf8("{\"GroupId\":\"g\",\"x\":\"" + "x".repeat(LIMIT) + "\"}"), "4000\r\n")));
        cases.add(Named.of("Content-Length of a terabyte", withLength("?" + QUERY, utf8(BODY), "1099511627776")));
        cases.add(Named.of("Content-Length longer than the body sent", withLength("?" + QUERY, utf8(BODY), String.valueOf(BODY.length() + 10))));
        cases.add(Named.of("Content-Length of 200,000 with only the sample sent", withLength("?" + QUERY, utf8(BODY), "200000")));
        cases.add(Named.of("invalid chunk size", chunkedRaw("?" + QUERY, "ZZ\r\n" + BODY + "\r\n0\r\n\r\n")));
        cases.add(Named.of("chunk shorter than declared", chunkedRaw("?" + QUERY, "FFF\r\n" + BODY + "\r\n0\r\n\r\n")));
        cases.add(Named.of("chunked with no final chunk", chunkedRaw("?" + QUERY, Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n")));
        cases.add(Named.of("gzip-compressed body", post("?" + QUERY, gzip(utf8(BODY)), "Content-Encoding: gzip")));
        cases.add(Named.of("plain body claiming gzip", post("?" + QUERY, utf8(BODY), "Content-Encoding: gzip")));
        cases.add(Named.of("plain body claiming br", post("?" + QUERY, utf8(BODY), "Content-Encoding: br")));
        cases.add(Named.of("form content type with form body", post("?" + QUERY, utf8("GroupId=g&SdkAppid=1400000001"),
                "Content-Type: application/x-www-form-urlencoded")));
        cases.add(Named.of("multipart body", post("?" + QUERY,
                utf8("--b\r\nContent-Disposition: form-data; name=\"GroupId\"\r\n\r\ng\r\n--b--\r\n"),
                "Content-Type: multipart/form-data; boundary=b")));
        cases.add(Named.of("UTF-16 body declared as UTF-16", post("?" + QUERY, BODY.getBytes(Charset.forName("UTF-16")),
                "Content-Type: application/json; charset=UTF-16")));
        cases.add(Named.of("Expect 100-continue with a bad body", post("?" + QUERY, utf8("{]"), "Expect: 100-continue")));
        cases.add(Named.of("X-HTTP-Method-Override on a GET", request("GET", "?" + QUERY, utf8(BODY),
                "X-HTTP-Method-Override: POST")));
        return cases;
    }

    private void add(List<Named<byte[]>> cases, String name, String query, String body) {
        cases.add(Named.of(name, post(query, utf8(body))));
    }

    private void add(List<Named<byte[]>> cases, String name, String query, byte[] body) {
        cases.add(Named.of(name, post(query, body)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    /** Text and raw byte values, in order, as one byte array. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(utf8(s));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private byte[] post(String query, byte[] body, String... headers) {
        return RawHttp.post(target(query), body, headers);
    }

    private byte[] request(String method, String query, byte[] body, String... headers) {
        byte[] post = RawHttp.post(target(query), body, headers);
        byte[] rest = new String(post, ISO_8859_1).substring(4).getBytes(ISO_8859_1);
        return concat(method.getBytes(ISO_8859_1), rest);
    }

    private byte[] withLength(String query, byte[] body, String declared) {
        String head = "POST " + target(query) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Length: " + declared + "\r\n\r\n";
        return concat(head.getBytes(ISO_8859_1), body);
    }

    /** A chunked request cut into chunks of the given hex size line. */
    private byte[] chunked(String query, byte[] body, String sizeLine) {
        int size = Integer.parseInt(sizeLine.trim(), 16);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            int n = Math.min(size, body.length - i);
            chunks.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(ISO_8859_1));
            chunks.write(body, i, n);
            chunks.writeBytes("\r\n".getBytes(ISO_8859_1));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(ISO_8859_1));
        return chunkedRaw(query.startsWith("?") ? query : "?" + query, chunks.toString(ISO_8859_1));
    }

    private byte[] chunkedRaw(String query, String chunks) {
        String head = "POST " + target(query) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
        return concat(head.getBytes(ISO_8859_1), chunks.getBytes(ISO_8859_1));
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
