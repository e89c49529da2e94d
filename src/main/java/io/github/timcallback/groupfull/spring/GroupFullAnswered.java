package io.github.timcallback.groupfull.spring;

import io.github.timcallback.groupfull.GroupFullEvent;

/**
 * A group-full callback that was answered OK, for Spring listeners that work after the answer:
 *
 * <pre>{@code
 * @EventListener
 * void later(GroupFullAnswered answered) {
 *     audit.record(answered.event().groupId());
 * }
 * }</pre>
 *
 * <p>Published on the receiver's own threads, never the request's: at most
 * {@code tim.max-pending-async} at once, waited for when the application stops, and with a
 * delivery store kept until a listener has taken it (an exception from a listener has it
 * published again later). {@link GroupFullEvent} itself is published on the request thread,
 * before the answer.
 *
 * @param event the callback's event, as the listeners of {@code GroupFullEvent} got it
 */
public record GroupFullAnswered(GroupFullEvent event) {
}
