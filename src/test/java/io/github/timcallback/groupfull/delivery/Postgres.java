package io.github.timcallback.groupfull.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the machine's installation (Debian's {@code postgresql} package,
 * which {@code .ci/run} installs), a fresh cluster in a directory of the test's, on a free
 * loopback port, started and stopped with {@code pg_ctl}. PostgreSQL refuses to run as root, so
 * as root the cluster belongs to, and runs as, the {@code postgres} user.
 *
 * <p>{@code fsync} is off: the tests kill servlet containers, never the database or the machine,
 * and a commit is visible to every other connection when it returns either way.
 */
public final class Postgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;

    private Postgres(Path bin, Path data, Path log, int port) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** A new cluster in {@code dir} (emptied first), started, with an empty database {@code tim}. */
    public static Postgres start(Path dir) throws Exception {
        Path bin = binaries();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        Postgres postgres = new Postgres(bin, data, dir.resolve("postgres.log"), freePort());
        if (asRoot()) {
            UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, owner);
        }
        postgres.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "tim",
                "-E", "UTF8", "--no-sync", "--no-instructions"));
        postgres.start();
        try (Connection connection = DriverManager.getConnection(postgres.url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE tim");
        }
        return postgres;
    }

    /** Starts the server again after {@link #stop}, on the same port. */
    public void start() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start"));
    }

    /** Stops the server at once, cutting every connection, as a database that goes down. */
    public void stop() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    /** The JDBC URL of the database {@code tim}, with the user. */
    public String url() {
        return url("tim");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=tim";
    }

    /** A connection to the database {@code tim}, for the test's own look at the table. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } catch (IllegalStateException e) {
            // Stopped already.
        }
    }

    private void run(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("postgres", ".out");
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(2, TimeUnit.MINUTES);
        String said = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        if (!ended || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + said + "\n" + log());
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed PostgreSQL's binaries, as Debian lays them out. */
    private static Path binaries() throws IOException {
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql: apt-get install postgresql"
                + " (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                Files.delete(p);
            }
        }
    }
}
