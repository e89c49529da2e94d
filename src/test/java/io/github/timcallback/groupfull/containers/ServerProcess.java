package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server started as its own process, as an operator starts it, with its console written to a
 * file. Started means: the line the server prints once every application is deployed.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path console;

    private ServerProcess(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /**
     * Starts {@code builder} and waits, at most two minutes, for {@code startedLine} in its console.
     *
     * @throws IllegalStateException with the console, if it exits or does not start in time
     */
    static ServerProcess start(String name, ProcessBuilder builder, Path console, String startedLine) throws Exception {
        Files.createDirectories(console.getParent());
        Process process = builder.redirectErrorStream(true).redirectOutput(console.toFile()).start();
        ServerProcess server = new ServerProcess(name, process, console);
        // If the test JVM dies before close(), do not leave a server running behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!server.console().contains(startedLine)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited:\n" + server.console());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not start in time:\n" + server.console());
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Runs {@code builder} to its end, at most two minutes, its output written to {@code log}: a
     * container's own set-up tool, run before the container starts.
     *
     * @throws IllegalStateException with the log, if it fails or does not end in time
     */
    static void run(String name, ProcessBuilder builder, Path log) throws Exception {
        run(name, builder, log, Duration.ofMinutes(2));
    }

    /** As {@link #run(String, ProcessBuilder, Path)}, bounded to {@code bound}: a build that may download. */
    static void run(String name, ProcessBuilder builder, Path log, Duration bound) throws Exception {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** What the server printed so far. */
    String console() throws IOException {
        return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
    }

    /**
     * Stops the server as a service manager does (SIGTERM, to a launch script's JVM too, so its
     * shutdown runs), forcibly if it has not ended in 30 s.
     */
    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the process and its children (SIGKILL) and waits until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
