package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.bench.ReceiverBenchmark;
import io.github.timcallback.groupfull.bench.scoped.OtherWaysToFire;
import io.github.timcallback.groupfull.jetty.EmbeddedReceiver;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Instant;
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
 * What a synchronous delivery costs when the application has a {@code @RequestScoped} bean and
 * the observer uses it: the receiver's own way ({@link Observers}, through CDI's
 * {@code @ActivateRequestContext} interceptor), {@code RequestContextController}s kept for reuse
 * (what the receiver did before), and a controller made and destroyed per delivery. With
 * {@code -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dgroupfull.bench=true", "-Dgroupfull.bench.scoped=true", "-Xms1g", "-Xmx1g"})
public class ObserversBenchmark {

    EmbeddedReceiver receiver;
    Observers observers;
    OtherWaysToFire others;
    GroupFullEvent event;

    @Setup(Level.Trial)
    public void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", ReceiverBenchmark.APP));
        observers = Observers.lookUp();
        others = CDI.current().select(OtherWaysToFire.class).get();
        event = new GroupFullEvent(ReceiverBenchmark.APP, "@TGS#2J4SZEAEL", null, Instant.ofEpochMilli(1670574414123L),
                "127.0.0.1", "RESTAPI", Instant.now());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        receiver.close();
    }

    @Benchmark
    public GroupFullEvent receiver() {
        observers.notifySync(event);
        return event;
    }

    @Benchmark
    public GroupFullEvent pooledControllers() {
        others.pooled(event);
        return event;
    }

    @Benchmark
    public GroupFullEvent controllerPerDelivery() {
        others.unpooled(event);
        return event;
    }

}
