package bench.host;

import io.github.timcallback.groupfull.GroupFullEvent;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The receiver hosted by Spring Boot: the classes jar's auto-configuration at /tim/callback, and,
 * like the Spring Boot peer's, one listener that counts the events, readable at GET /count.
 */
@SpringBootApplication
@RestController
public class SpringHostApp {

    private final LongAdder events = new LongAdder();

    public static void main(String[] args) {
        SpringApplication.run(SpringHostApp.class, args);
    }

    @EventListener
    public void count(GroupFullEvent event) {
        events.increment();
    }

    @GetMapping("/count")
    public long count() {
        return events.sum();
    }
}
