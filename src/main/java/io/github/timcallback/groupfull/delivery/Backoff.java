package io.github.timcallback.groupfull.delivery;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * When a failed asynchronous notification is tried again: exponential backoff with jitter. The
 * n-th failure waits {@code firstRetry * 2^(n-1)}, at most {@link #LONGEST}, and then a random
 * part of that, between half and all of it ("equal jitter"), so that the retries of callbacks
 * that failed together (a downstream that was down) do not arrive together again.
 *
 * <p>With the defaults (10 attempts, 10 s first) the waits are 10 s, 20 s, 40 s ... 2560 s, at
 * most about 85 minutes in all before a callback is given up.
 */
final class Backoff {

    /** The longest single wait, however many failures came before. */
    static final Duration LONGEST = Duration.ofHours(1);

    private final long firstMillis;
    /** Given a bound {@code n}, a random number from 0 (inclusive) to {@code n} (exclusive). */
    private final LongUnaryOperator random;

    Backoff(Duration firstRetry, LongUnaryOperator random) {
        this.firstMillis = firstRetry.toMillis();
        this.random = random;
    }

    /** How long to wait after the {@code failures}-th failure (1 for the first). */
    long delayMillis(int failures) {
        long full = LONGEST.toMillis();
        if (failures - 1 < 62 && firstMillis <= full >> (failures - 1)) {
            full = Math.min(full, firstMillis << (failures - 1));
        }
        long half = full / 2;
        return half + random.applyAsLong(full - half + 1);
    }
}
