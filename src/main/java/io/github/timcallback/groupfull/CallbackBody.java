package io.github.timcallback.groupfull;

import java.time.Instant;

/**
 * The JSON body of one callback, checked. Public only because JSON-B introspects the type it
 * produces; applications use {@link GroupFullEvent}.
 *
 * @param groupId   the group that is full; never empty
 * @param eventTime when the group became full, or {@code null} when the body has no EventTime
 * @param topicId   the topic, or {@code null} when the body has none
 */
public record CallbackBody(String groupId, Instant eventTime, String topicId) {
}
