package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void everyRejectionHasItsOwnNonZeroErrorCode() {
        Map<Integer, Long> codes = Arrays.stream(Rejection.values())
                .collect(Collectors.groupingBy(Rejection::errorCode, Collectors.counting()));
        assertEquals(Rejection.values().length, codes.size(), codes.toString());
        assertTrue(Arrays.stream(Rejection.values()).allMatch(r -> r.errorCode() != 0));
    }

    @Test
    void everyAnswerIsTheDocumentedJson() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (Rejection rejection : Rejection.values()) {
                Map<?, ?> answer = jsonb.fromJson(new String(rejection.body(), StandardCharsets.UTF_8), Map.class);
                assertEquals("FAIL", answer.get("ActionStatus"));
                assertEquals(rejection.errorCode(), ((Number) answer.get("ErrorCode")).intValue());
                assertEquals(rejection.message(), answer.get("ErrorInfo"));
                assertEquals(3, answer.size());
            }
        }
    }

    @Test
    void theReadmeTableListsTheCatalogue() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Rejection r : Rejection.values()) {
            String row = "| `" + r.name() + "` | " + r.status() + " | " + r.errorCode() + " | " + r.message() + " |";
            assertTrue(readme.contains(row), "README.md lacks the row " + row);
        }
    }
}
