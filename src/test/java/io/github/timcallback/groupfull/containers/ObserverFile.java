package io.github.timcallback.groupfull.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The lines that {@link FileObserver} wrote in the Tomcat process, read from the test. */
record ObserverFile(Path path) {

    /** Something the test waits for in another process. */
    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls, bounded to ten seconds, until the check holds (or the time is up). */
    static void await(Check check) throws Exception {
        await(check, Duration.ofSeconds(10));
    }

    /** Polls, bounded to {@code bound}, until the check holds (or the time is up). */
    static void await(Check check, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!check.holds() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    List<String> lines() throws Exception {
        return Files.exists(path) ? Files.readAllLines(path) : List.of();
    }

    /** The lines, once {@code line} is among them (or the wait is over). */
    List<String> awaitLine(String line) throws Exception {
        await(() -> lines().contains(line));
        return lines();
    }
}
