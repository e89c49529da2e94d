package io.github.timcallback.groupfull;

import java.time.Instant;

/**
 * A Tencent Cloud IM group has become full ({@code Group.CallbackAfterGroupFull}): a member
 * joined and filled it, or a join failed because it already was full.
 *
 * <p>Fired as a CDI event once per accepted callback, first to {@code @Observes} observers on
 * the request thread (an exception there answers the callback with a failure), then to
 * {@code @ObservesAsync} observers, which the answer does not wait for:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class GroupFullHandler {
 *     void onGroupFull(@Observes GroupFullEvent event) {
 *         log.info("group " + event.groupId() + " is full");
 *     }
 * }
 * }</pre>
 *
 * <p>In a Spring application (the classes jar's auto-configuration) it is published instead to
 * Spring {@code @EventListener}s on the request thread, before the answer, and after the answer
 * wrapped in {@link io.github.timcallback.groupfull.spring.GroupFullAnswered}.
 *
 * <p>The vendor does not retry these callbacks unless the app switches retries on, in which
 * case the same event may arrive twice. Parts that a callback may lack are {@code null}; the
 * others never are.
 *
 * @param sdkAppId    the application's SDKAppID, digits, as in the query string
 * @param groupId     the group that is full, never empty
 * @param topicId     the topic, for private topics of topic-enabled groups; {@code null} on most
 *                    callbacks
 * @param eventTime   when the group became full (the body's EventTime, milliseconds); {@code null}
 *                    when the callback has none, as older ones do not
 * @param clientIp    the IPv4 or IPv6 address of the client that caused the callback;
 *                    {@code null} when the query has no ClientIP or an empty one
 * @param optPlatform the client platform as the vendor sent it ({@code RESTAPI}, {@code Web},
 *                    {@code Android}, {@code iOS}, {@code Windows}, {@code Mac} or {@code macOS},
 *                    {@code iPad}, {@code Unknown}, or a value added later); {@code null} when absent
 * @param receivedAt  when this receiver got the request, by the server's clock
 */
public record GroupFullEvent(String sdkAppId, String groupId, String topicId, Instant eventTime,
        String clientIp, String optPlatform, Instant receivedAt) {
}
