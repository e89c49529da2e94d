package io.github.timcallback.groupfull.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.GroupFullEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTableTest {

    @Test
    void theReadmeGivesOperatorsTheExactTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String ddl = String.join(";\n", DeliveryTable.DDL) + ";";
        assertTrue(readme.contains("```sql\n" + ddl + "\n```"), "README.md lacks the DDL:\n" + ddl);
    }

    @Test
    void aCallbackIsKnownBySdkAppIdGroupTopicAndEventTime() {
        Instant time = Instant.ofEpochMilli(1670574414123L);
        GroupFullEvent event = new GroupFullEvent("1400000001", "@TGS#a", null, time, "1.2.3.4", "Web", Instant.EPOCH);
        String key = DurableDeliveries.keyOf(event);

        assertEquals(64, key.length());
        assertEquals(key, DurableDeliveries.keyOf(new GroupFullEvent("1400000001", "@TGS#a", null, time, null, null,
                Instant.now())), "where the callback came from and when it arrived do not make it another");
        assertNotEquals(key, DurableDeliveries.keyOf(new GroupFullEvent("1400000002", "@TGS#a", null, time, null, null, Instant.EPOCH)));
        assertNotEquals(key, DurableDeliveries.keyOf(new GroupFullEvent("1400000001", "@TGS#b", null, time, null, null, Instant.EPOCH)));
        assertNotEquals(key, DurableDeliveries.keyOf(new GroupFullEvent("1400000001", "@TGS#a", "t", time, null, null, Instant.EPOCH)));
        assertNotEquals(key, DurableDeliveries.keyOf(new GroupFullEvent("1400000001", "@TGS#a", null, time.plusMillis(1),
                null, null, Instant.EPOCH)));
    }

    @Test
    void backsOffExponentiallyWithJitterUpToAnHour() {
        Backoff least = new Backoff(Duration.ofSeconds(10), bound -> 0);
        Backoff most = new Backoff(Duration.ofSeconds(10), bound -> bound - 1);
        assertEquals(5_000, least.delayMillis(1));
        assertEquals(10_000, most.delayMillis(1));
        assertEquals(10_000, least.delayMillis(2));
        assertEquals(20_000, most.delayMillis(2));
        assertEquals(2_560_000, most.delayMillis(9));
        assertEquals(3_600_000, most.delayMillis(10));
        assertEquals(1_800_000, least.delayMillis(100));
        assertEquals(3_600_000, most.delayMillis(100));
    }

    @Test
    void showsAUrlWithoutItsParameters() {
        StoreConfig config = new StoreConfig("jdbc:postgresql://db/tim?password=secret", "w", "tim", "pw", true, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertEquals("jdbc:postgresql://db/tim...", config.shown());
        assertTrue(!config.toString().contains("secret") && !config.toString().contains("pw,"), config.toString());
        assertEquals("jdbc:h2:file:/x...", new StoreConfig("jdbc:h2:file:/x;PASSWORD=p", "w", null, null, true, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3)).shown());
        assertEquals("java:comp/env/jdbc/tim", new StoreConfig("java:comp/env/jdbc/tim", "w", null, null, true, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3)).shown());
    }
}
