package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.jetty.EmbeddedReceiver;
import io.github.timcallback.groupfull.bench.ReceiverBenchmark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.List;
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
 * Where an accepted request's time and allocation go (with {@code -prof gc}): the query
 * checks, the body through JSON-B, the CDI event and the counting, each alone, for the documented
 * sample; and the body's decoding by the receiver's reader beside the JDK's strict decoder.
 * Together with {@code bench.ReceiverBenchmark.directSample} this says what remains.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dgroupfull.bench=true", "-Xms1g", "-Xmx1g"})
public class PartsBenchmark {

    static final String QUERY = ReceiverBenchmark.QUERY;
    static final byte[] SAMPLE = ReceiverBenchmark.SAMPLE.getBytes(StandardCharsets.UTF_8);
    static final List<String> OURS = List.of(ReceiverBenchmark.APP);

    EmbeddedReceiver receiver;
    BodyParser bodies;
    Observers observers;
    GroupFullEvent event;
    final CallbackCounters counters = new CallbackCounters(() -> 0);

    @Setup(Level.Trial)
    public void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", ReceiverBenchmark.APP));
        bodies = new BodyParser();
        event = new GroupFullEvent(ReceiverBenchmark.APP, "@TGS#2J4SZEAEL", null, Instant.ofEpochMilli(1670574414123L),
                "127.0.0.1", "RESTAPI", Instant.now());
        observers = Observers.lookUp();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        bodies.close();
        receiver.close();
    }

    @Benchmark
    public CallbackQuery query() {
        return CallbackQuery.parse(QUERY, OURS);
    }

    @Benchmark
    public CallbackBody body() {
        return bodies.parse(SAMPLE, SAMPLE.length);
    }

    /** The body decoded by the receiver's own reader, which checks strict UTF-8 as it goes. */
    @Benchmark
    public int decodeWithUtf8Reader() throws java.io.IOException {
        return drain(new Utf8.Reader(SAMPLE, SAMPLE.length));
    }

    /** The same through the JDK's strict decoder (REPORT on malformed input), as a Reader for JSON-B. */
    @Benchmark
    public int decodeWithJdkStrictDecoder() throws java.io.IOException {
        java.nio.CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(SAMPLE, 0, SAMPLE.length));
        return drain(new java.io.CharArrayReader(chars.array(), chars.arrayOffset(), chars.remaining()));
    }

    /** Reads the reader as a JSON parser does, into a buffer of its own; the characters read. */
    private final char[] parserBuffer = new char[4096];

    private int drain(java.io.Reader reader) throws java.io.IOException {
        int total = 0;
        for (int n; (n = reader.read(parserBuffer, 0, parserBuffer.length)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** What counting an accepted callback adds: a LongAdder and the time of the last one. */
    @Benchmark
    public CallbackCounters count() {
        counters.accepted(event.receivedAt());
        return counters;
    }

    @Benchmark
    public GroupFullEvent event() {
        observers.notifySync(event);
        return event;
    }
}
