package com.example.im;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the stand-ins of this application write what reached them, one line each, so that a test
 * in another process can read it: the file named by the environment variable OBSERVER_LOG, in the
 * format of the container tests' FileObserver ("sync GROUP SDKAPPID", "async GROUP SDKAPPID").
 */
final class TestLog {

    private TestLog() {
    }

    static synchronized void append(String line) {
        try {
            Files.writeString(Path.of(System.getenv("OBSERVER_LOG")), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
