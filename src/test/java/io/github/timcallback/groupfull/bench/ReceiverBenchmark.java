package io.github.timcallback.groupfull.bench;

import io.github.timcallback.groupfull.jetty.EmbeddedReceiver;
import jakarta.servlet.Servlet;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time and allocation per request (run with {@code -prof gc}, see src/bench/jmh.sh).
 *
 * <p>The initialised servlet of a running application (embedded Jetty, Weld, the real web.xml)
 * is called directly, without sockets or HTTP parsing, so the numbers are the receiver's own
 * work: query checks, JSON-B, the CDI event and the answer. {@code directBare} is the same call
 * for a servlet that only writes the answer. What the container adds around this is measured by
 * the load test (src/bench/load.sh).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dgroupfull.bench=true", "-Xms1g", "-Xmx1g"})
public class ReceiverBenchmark {

    /** The benchmarks' app, query and body, shared by the JMH benchmarks and the load test's server. */
    public static final String APP = "1400000001";
    public static final String QUERY = "SdkAppid=" + APP + "&CallbackCommand=Group.CallbackAfterGroupFull"
            + "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
    /** The vendor's documented sample. */
    public static final String SAMPLE = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#2J4SZEAEL\","
            + "\"EventTime\":\"1670574414123\"}";
    /** Unicode, every optional field, a number EventTime and a field added later. */
    static final String FULL = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"@TGS#_技术交流群🙂\","
            + "\"TopicId\":\"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_话题\",\"EventTime\":1670574414123,\"Extra\":{\"a\":[1,2]}}";

    EmbeddedReceiver receiver;
    Servlet callback;
    Servlet bare;
    DirectExchange sample;
    DirectExchange full;
    DirectExchange unknownApp;
    DirectExchange otherCommand;
    DirectExchange brokenJson;
    DirectExchange getMethod;
    DirectExchange bareExchange;

    @Setup(Level.Trial)
    public void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP));
        callback = receiver.servlet(EmbeddedReceiver.SERVLET_NAME);
        bare = new BareServlet();
        sample = new DirectExchange("POST", QUERY, utf8(SAMPLE));
        full = new DirectExchange("POST", QUERY.replace("RESTAPI", "iOS").replace("127.0.0.1", "2001:db8::1"), utf8(FULL));
        unknownApp = new DirectExchange("POST", QUERY.replace(APP, "1400000009"), utf8(SAMPLE));
        // The commonest refusal: the vendor sends every callback the app switched on to this URL.
        otherCommand = new DirectExchange("POST", QUERY.replace("Group.CallbackAfterGroupFull",
                "Group.CallbackAfterNewMemberJoin"), utf8(SAMPLE.replace("Group.CallbackAfterGroupFull",
                "Group.CallbackAfterNewMemberJoin")));
        brokenJson = new DirectExchange("POST", QUERY, utf8(SAMPLE.substring(0, 40)));
        getMethod = new DirectExchange("GET", QUERY, new byte[0]);
        bareExchange = new DirectExchange("POST", QUERY, utf8(SAMPLE));
        if (directSample() != 200 || directFull() != 200 || directUnknownApp() != 403 || directOtherCommand() != 400 || directBrokenJson() != 400
                || directGet() != 405 || directBare() != 200) {
            throw new IllegalStateException("the benchmark's requests do not get the expected answers");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        receiver.close();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    int serve(Servlet servlet, DirectExchange exchange) throws Exception {
        exchange.reset();
        servlet.service(exchange.request, exchange.response);
        return exchange.response.status;
    }

    @Benchmark
    public int directSample() throws Exception {
        return serve(callback, sample);
    }

    @Benchmark
    public int directFull() throws Exception {
        return serve(callback, full);
    }

    @Benchmark
    public int directUnknownApp() throws Exception {
        return serve(callback, unknownApp);
    }

    @Benchmark
    public int directOtherCommand() throws Exception {
        return serve(callback, otherCommand);
    }

    @Benchmark
    public int directBrokenJson() throws Exception {
        return serve(callback, brokenJson);
    }

    @Benchmark
    public int directGet() throws Exception {
        return serve(callback, getMethod);
    }

    @Benchmark
    public int directBare() throws Exception {
        return serve(bare, bareExchange);
    }
}
