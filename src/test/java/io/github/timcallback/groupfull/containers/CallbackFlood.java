package io.github.timcallback.groupfull.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many group-full callbacks at once, as the vendor sends them on a busy day: {@code count}
 * callbacks for groups {@code PREFIX0} ... over 8 connections, each with an EventTime of its own.
 * When {@code after} of them have been answered OK, {@code action} runs once (a kill, a database
 * stopped), while the rest keep coming. Bounded: each request waits at most 10 s.
 */
final class CallbackFlood {

    /** How many callbacks are in flight at once. */
    static final int CONNECTIONS = 8;

    /** What each callback was answered: status and body, or the failure when none came. */
    final Map<String, String> answers = new ConcurrentHashMap<>();
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Set<String> acceptedBeforeAction = ConcurrentHashMap.newKeySet();

    interface Action {
        void run() throws Exception;
    }

    static CallbackFlood send(URI uri, String prefix, int count, int after, Action action) throws Exception {
        CallbackFlood flood = new CallbackFlood();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean acted = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
        for (int sender = 0; sender < CONNECTIONS; sender++) {
            senders.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String group = prefix + i;
                    String body = "{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\",\"GroupId\":\"" + group
                            + "\",\"EventTime\":" + (1670574414123L + i) + "}";
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        flood.answers.put(group, answer.statusCode() + " " + answer.body());
                        if (answer.statusCode() == 200) {
                            flood.accepted.add(group);
                            if (!acted.get()) {
                                flood.acceptedBeforeAction.add(group);
                            }
                            if (flood.accepted.size() >= after && acted.compareAndSet(false, true)) {
                                action.run();
                            }
                        }
                    } catch (Exception e) {
                        flood.answers.put(group, "no answer: " + e);
                    }
                }
            });
        }
        senders.shutdown();
        if (!senders.awaitTermination(5, TimeUnit.MINUTES)) {
            senders.shutdownNow();
            throw new IllegalStateException("The flood did not end in 5 minutes");
        }
        return flood;
    }
}
